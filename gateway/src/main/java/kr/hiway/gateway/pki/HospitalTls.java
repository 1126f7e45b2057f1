package kr.hiway.gateway.pki;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The TLS context the gateway calls hospitals with: its own client certificate, and {@link
 * HospitalTrust} (gateway CA, TLS 1.2+, each hospital pinned to its registry entry). Thread-safe.
 */
public record HospitalTls(SSLContext context) {

  public HospitalTls {
    Objects.requireNonNull(context, "context");
  }
}
