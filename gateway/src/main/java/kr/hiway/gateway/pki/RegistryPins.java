package kr.hiway.gateway.pki;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.registry.RegisteredHospital;

/**
 * Pins from the database: the hospital whose https base URL has exactly that host and port, and its
 * certificates valid now. Read at each handshake, so that a revocation counts at once; the JDK
 * client keeps connections open, so that is rare.
 */
final class RegistryPins implements HospitalTrust.Pins {

  private final HospitalRegistry registry;
  private final HospitalCertificates certificates;
  private final Clock clock;

  RegistryPins(HospitalRegistry registry, HospitalCertificates certificates, Clock clock) {
    this.registry = registry;
    this.certificates = certificates;
    this.clock = clock;
  }

  @Override
  public Optional<List<String>> at(String host, int port) {
    List<RegisteredHospital> there =
        registry.all().stream()
            .filter(h -> "https".equalsIgnoreCase(h.baseUrl().getScheme()))
            .filter(h -> matches(h.baseUrl(), host, port))
            .toList();
    if (there.size() != 1) {
      return Optional.empty();
    }
    return certificates.activeFingerprints(there.get(0).code(), clock.instant());
  }

  private static boolean matches(URI baseUrl, String host, int port) {
    return Hosts.of(baseUrl).equals(host) && Hosts.portOf(baseUrl) == port;
  }
}
