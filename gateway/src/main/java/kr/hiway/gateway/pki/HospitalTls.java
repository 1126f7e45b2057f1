package kr.hiway.gateway.pki;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import kr.hiway.gateway.cluster.ClusterEvents;
import kr.hiway.gateway.cluster.Topic;

/**
 * The TLS context the gateway calls hospitals with: its own client certificate, and {@link
 * HospitalTrust} (gateway CA, TLS 1.2+, each hospital pinned to its registry entry). Thread-safe.
 */
public final class HospitalTls {

  private final SSLContext context;
  private final Runnable forgetPins;
  private final ClusterEvents events;
  private final List<Runnable> connectionDroppers = new CopyOnWriteArrayList<>();

  public HospitalTls(SSLContext context, Runnable forgetPins, ClusterEvents events) {
    this.context = Objects.requireNonNull(context, "context");
    this.forgetPins = Objects.requireNonNull(forgetPins, "forgetPins");
    this.events = Objects.requireNonNull(events, "events");
    // A certificate issued or revoked through any instance counts at once on every instance.
    events.subscribe(Topic.CERTIFICATES, code -> forgetNow());
  }

  public SSLContext context() {
    return context;
  }

  /**
   * Registers how to close the connections someone keeps open with this context: they were checked
   * at their handshake only, so they go whenever the sessions do.
   */
  public void onForget(Runnable dropConnections) {
    connectionDroppers.add(Objects.requireNonNull(dropConnections, "dropConnections"));
  }

  /**
   * After a certificate is issued or revoked or a hospital registered: forgets the pins kept in
   * memory, every TLS session kept for resumption and every connection kept open, once the change
   * is committed, so that the next exchange with any hospital reads the registry and makes a full
   * handshake. The same happens at once on every other instance.
   */
  public void forget() {
    events.publish(Topic.CERTIFICATES, "");
  }

  private void forgetNow() {
    forgetPins.run();
    forgetSessions();
  }

  /**
   * Forgets every TLS session kept for resumption and closes every connection kept open, so that
   * the next exchange with any hospital makes a full handshake and its certificate is checked again
   * (a resumed session, or a kept connection, skips that). Called when a certificate is revoked.
   */
  void forgetSessions() {
    SSLSessionContext sessions = context.getClientSessionContext();
    for (byte[] id : Collections.list(sessions.getIds())) {
      SSLSession session = sessions.getSession(id);
      if (session != null) {
        session.invalidate();
      }
    }
    connectionDroppers.forEach(Runnable::run);
  }
}
