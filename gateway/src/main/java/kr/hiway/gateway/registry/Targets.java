package kr.hiway.gateway.registry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.hiway.gateway.fanout.FanOutProperties;
import kr.hiway.gateway.fanout.HospitalTarget;
import kr.hiway.vocabulary.LinkageToken;
import org.springframework.stereotype.Component;

/**
 * The hospitals a request may fan out to: enabled in the registry, with a linkage key held, and
 * reached over https (mutual TLS) unless {@code hiway.fanout.allow-plain-http} is set. The registry
 * is read at most once every few seconds (and at once after a change made through this instance),
 * not once per request. Thread-safe.
 */
@Component
public class Targets {

  private static final Duration REFRESH = Duration.ofSeconds(5);

  private record Snapshot(List<HospitalTarget> targets, long loadedAtNanos, long changeCount) {}

  private final HospitalRegistry registry;
  private final LinkageKeyring keyring;
  private final boolean allowPlainHttp;
  private volatile Snapshot snapshot;

  Targets(HospitalRegistry registry, LinkageKeyring keyring, FanOutProperties fanOut) {
    this.registry = registry;
    this.keyring = keyring;
    this.allowPlainHttp = fanOut.allowPlainHttp();
  }

  /** Whether a hospital at that base URL may be called at all. */
  public boolean callable(URI baseUrl) {
    return allowPlainHttp || "https".equalsIgnoreCase(baseUrl.getScheme());
  }

  /** Every enabled hospital with a linkage key, in code order. */
  public List<HospitalTarget> all() {
    Snapshot s = snapshot;
    long changes = registry.changeCount();
    if (s == null
        || s.changeCount() != changes
        || System.nanoTime() - s.loadedAtNanos() > REFRESH.toNanos()) {
      s = new Snapshot(load(), System.nanoTime(), changes);
      snapshot = s;
    }
    return s.targets();
  }

  /** The target of one hospital code, if it is enabled and keyed. */
  public Optional<HospitalTarget> byCode(String code) {
    return all().stream().filter(t -> t.code().equals(code)).findFirst();
  }

  private List<HospitalTarget> load() {
    List<HospitalTarget> targets = new ArrayList<>();
    for (RegisteredHospital h : registry.all()) {
      if (!h.enabled() || !callable(h.baseUrl())) {
        continue;
      }
      Optional<LinkageToken> key = keyring.forHospital(h.code());
      key.ifPresent(k -> targets.add(new HospitalTarget(h.code(), h.baseUrl(), k)));
    }
    return List.copyOf(targets);
  }
}
