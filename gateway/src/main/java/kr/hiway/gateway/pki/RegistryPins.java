package kr.hiway.gateway.pki;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.registry.RegisteredHospital;

/**
 * Pins from the database: the hospital whose https base URL has exactly that host and port, and its
 * certificates valid now. Kept in memory for at most {@link #MAX_AGE} and forgotten at once when
 * this instance revokes or issues a certificate: a handshake must not wait for the database (a
 * burst of new connections would queue on the connection pool), and a revocation made on another
 * gateway instance still counts within seconds. Thread-safe.
 */
final class RegistryPins implements HospitalTrust.Pins {

  static final Duration MAX_AGE = Duration.ofSeconds(10);

  /** The certificates of the hospital at one host and port, with their validity. */
  private record Pin(String sha256, Instant notBefore, Instant notAfter) {}

  private record Snapshot(Instant loadedAt, Map<String, List<Pin>> byHostPort) {}

  private final HospitalRegistry registry;
  private final HospitalCertificates certificates;
  private final Clock clock;
  private volatile Snapshot snapshot;
  private final AtomicLong generation = new AtomicLong();
  private volatile Runnable onPinDropped = () -> {};

  RegistryPins(HospitalRegistry registry, HospitalCertificates certificates, Clock clock) {
    this.registry = registry;
    this.certificates = certificates;
    this.clock = clock;
  }

  @Override
  public Optional<List<String>> at(String host, int port) {
    Instant now = clock.instant();
    List<Pin> pins = current(now).byHostPort().get(key(host, port));
    if (pins == null) {
      return Optional.empty();
    }
    List<String> valid =
        pins.stream()
            .filter(p -> !p.notBefore().isAfter(now) && p.notAfter().isAfter(now))
            .map(Pin::sha256)
            .toList();
    return valid.isEmpty() ? Optional.empty() : Optional.of(valid);
  }

  /** Drops what is kept, so that the next handshake reads the database again. */
  void forget() {
    generation.incrementAndGet();
    snapshot = null;
  }

  /**
   * What to do when a reload finds a certificate gone that was pinned before (revoked, perhaps on
   * another gateway instance): forget the TLS sessions, which a resumption would reuse unchecked.
   */
  void onPinDropped(Runnable action) {
    this.onPinDropped = action;
  }

  private Snapshot current(Instant now) {
    Snapshot s = snapshot;
    if (s != null && s.loadedAt().plus(MAX_AGE).isAfter(now)) {
      return s;
    }
    synchronized (this) {
      s = snapshot;
      if (s == null || !s.loadedAt().plus(MAX_AGE).isAfter(now)) {
        long before = generation.get();
        Snapshot previous = s;
        s = load(now);
        // A forget() while loading means the load may predate the change: use it, keep it not.
        if (generation.get() == before) {
          snapshot = s;
        }
        if (previous != null && dropsAny(previous, s)) {
          onPinDropped.run();
        }
      }
      return s;
    }
  }

  private Snapshot load(Instant now) {
    Map<String, List<RegisteredHospital>> there = new HashMap<>();
    for (RegisteredHospital h : registry.all()) {
      if ("https".equalsIgnoreCase(h.baseUrl().getScheme())) {
        there.computeIfAbsent(key(h.baseUrl()), k -> new ArrayList<>()).add(h);
      }
    }
    Map<String, List<Pin>> byHospital = new HashMap<>();
    for (HospitalCertificates.Unrevoked c : certificates.unrevoked()) {
      byHospital
          .computeIfAbsent(c.hospitalCode(), k -> new ArrayList<>())
          .add(new Pin(c.sha256(), c.notBefore(), c.notAfter()));
    }
    Map<String, List<Pin>> pins = new HashMap<>();
    for (Map.Entry<String, List<RegisteredHospital>> e : there.entrySet()) {
      if (e.getValue().size() != 1) {
        continue; // two hospitals at one address: pin neither
      }
      pins.put(e.getKey(), byHospital.getOrDefault(e.getValue().get(0).code(), List.of()));
    }
    return new Snapshot(now, pins);
  }

  private static boolean dropsAny(Snapshot before, Snapshot after) {
    Set<String> now = new HashSet<>();
    after.byHostPort().values().forEach(pins -> pins.forEach(p -> now.add(p.sha256())));
    return before.byHostPort().values().stream()
        .flatMap(List::stream)
        .anyMatch(p -> !now.contains(p.sha256()));
  }

  private static String key(URI baseUrl) {
    return key(Hosts.of(baseUrl), Hosts.portOf(baseUrl));
  }

  private static String key(String host, int port) {
    return host + "\n" + port;
  }
}
