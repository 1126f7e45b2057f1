package kr.hiway.gateway.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.hiway.gateway.pki.HospitalCertificates;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.registry.RegisteredHospital;
import kr.hiway.gateway.registry.Targets;
import org.springframework.stereotype.Component;

/** Every registered hospital's status, from the registry, the targets, the monitor and the CA. */
@Component
class HospitalStatuses {

  private final HospitalRegistry registry;
  private final Targets targets;
  private final HospitalMonitor monitor;
  private final HospitalCertificates certificates;
  private final Clock clock;

  HospitalStatuses(
      HospitalRegistry registry,
      Targets targets,
      HospitalMonitor monitor,
      HospitalCertificates certificates,
      Clock clock) {
    this.registry = registry;
    this.targets = targets;
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
    return new HospitalStatus(
        h.code(),
        h.hospital().nameEn(),
        h.baseUrl().toString(),
        h.enabled(),
        targets.byCode(h.code()).isPresent(),
        monitor.breakerState(h.code()).map(Enum::name).orElse("NOT_CALLED"),
        last.map(HospitalMonitor.LastCalls::lastCallAt).orElse(null),
        last.map(HospitalMonitor.LastCalls::lastSucceeded).orElse(null),
        last.map(HospitalMonitor.LastCalls::consecutiveFailures).orElse(0L),
        expiries.get(h.code()));
  }
}
