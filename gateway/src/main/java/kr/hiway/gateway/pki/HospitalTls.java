package kr.hiway.gateway.pki;

import java.util.Collections;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import kr.hiway.gateway.AfterCommit;

/**
 * The TLS context the gateway calls hospitals with: its own client certificate, and {@link
 * HospitalTrust} (gateway CA, TLS 1.2+, each hospital pinned to its registry entry). Thread-safe.
 */
public record HospitalTls(SSLContext context, Runnable forgetPins) {

  public HospitalTls {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(forgetPins, "forgetPins");
  }

  /**
   * After a certificate is issued or revoked or a hospital registered: forgets the pins kept in
   * memory and every TLS session kept for resumption, once the change is committed, so that the
   * next connection to any hospital reads the registry and makes a full handshake.
   */
  public void forget() {
    AfterCommit.run(this::forgetNow);
  }

  private void forgetNow() {
    forgetPins.run();
    forgetSessions();
  }

  /**
   * Forgets every TLS session kept for resumption, so that the next connection to any hospital
   * makes a full handshake and its certificate is checked again (a resumed session skips that).
   * Called when a certificate is revoked.
   */
  void forgetSessions() {
    SSLSessionContext sessions = context.getClientSessionContext();
    for (byte[] id : Collections.list(sessions.getIds())) {
      SSLSession session = sessions.getSession(id);
      if (session != null) {
        session.invalidate();
      }
    }
  }
}
