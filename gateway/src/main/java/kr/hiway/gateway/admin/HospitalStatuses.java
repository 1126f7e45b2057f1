package kr.hiway.gateway.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kr.hiway.gateway.pki.HospitalCertificates;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.registry.LinkageKeyring;
import kr.hiway.gateway.registry.RegisteredHospital;
import kr.hiway.gateway.registry.Targets;
import org.springframework.stereotype.Component;

/** Every registered hospital's status, from the registry, the targets, the monitor and the CA. */
@Component
class HospitalStatuses {

  private final HospitalRegistry registry;
  private final Targets targets;
  private final LinkageKeyring keyring;
  private final HospitalMonitor monitor;
  private final HospitalCertificates certificates;
  private final Clock clock;

  HospitalStatuses(
      HospitalRegistry registry,
      Targets targets,
      LinkageKeyring keyring,
      HospitalMonitor monitor,
      HospitalCertificates certificates,
      Clock clock) {
    this.registry = registry;
    this.targets = targets;
    this.keyring = keyring;
    this.monitor = monitor;
    this.certificates = certificates;
    this.clock = clock;
  }

  List<HospitalStatus> all() {
    Map<String, Instant> expiries = certificates.latestExpiries(clock.instant());
    return registry.all().stream().map(h -> of(h, expiries)).toList();
  }

  Optional<HospitalStatus> one(String code) {
    return registry.byCode(code).map(h -> of(h, certificates.latestExpiries(clock.instant())));
  }

  private HospitalStatus of(RegisteredHospital h, Map<String, Instant> expiries) {
    Optional<HospitalMonitor.LastCalls> last = monitor.lastCalls(h.code());
    String notCallable = notCallableBecause(h, expiries);
    return new HospitalStatus(
        h.code(),
        h.hospital().nameEn(),
        h.baseUrl().toString(),
        h.enabled(),
        notCallable == null,
        notCallable,
        keyring.source(h.code()).map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("none"),
        monitor.breakerState(h.code()).map(Enum::name).orElse("NOT_CALLED"),
        last.map(HospitalMonitor.LastCalls::lastCallAt).orElse(null),
        last.map(HospitalMonitor.LastCalls::lastSucceeded).orElse(null),
        last.map(HospitalMonitor.LastCalls::consecutiveFailures).orElse(0L),
        expiries.get(h.code()));
  }

  /**
   * Why the fan-out does not call the hospital, or null. Over https the gateway pins the hospital's
   * certificates that are neither revoked nor expired (read from the database, so a revocation on
   * any instance counts here at once): without one, every handshake would be refused.
   */
  private String notCallableBecause(RegisteredHospital h, Map<String, Instant> expiries) {
    if (!h.enabled()) {
      return "disabled";
    }
    if (!targets.callable(h.baseUrl())) {
      return "plain-http";
    }
    if (targets.byCode(h.code()).isEmpty()) {
      return "no-linkage-key";
    }
    if ("https".equalsIgnoreCase(h.baseUrl().getScheme()) && !expiries.containsKey(h.code())) {
      return "no-valid-certificate";
    }
    return null;
  }
}
