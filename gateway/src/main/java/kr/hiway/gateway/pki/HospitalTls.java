package kr.hiway.gateway.pki;

import java.util.Collections;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The TLS context the gateway calls hospitals with: its own client certificate, and {@link
 * HospitalTrust} (gateway CA, TLS 1.2+, each hospital pinned to its registry entry). Thread-safe.
 */
public record HospitalTls(SSLContext context) {

  public HospitalTls {
    Objects.requireNonNull(context, "context");
  }

  /**
   * Forgets every TLS session kept for resumption, so that the next connection to any hospital
   * makes a full handshake and its certificate is checked again (a resumed session skips that).
   * Called when a certificate is revoked.
   */
  public void forgetSessions() {
    SSLSessionContext sessions = context.getClientSessionContext();
    for (byte[] id : Collections.list(sessions.getIds())) {
      SSLSession session = sessions.getSession(id);
      if (session != null) {
        session.invalidate();
      }
    }
  }
}
