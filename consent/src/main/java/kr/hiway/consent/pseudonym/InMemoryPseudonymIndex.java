package kr.hiway.consent.pseudonym;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link PseudonymIndex} in memory, for tests and a demo without a database. It forgets
 * everything when the process ends, so it is no re-identification path for real releases.
 *
 * <p>Thread-safe. No method accepts or returns null.
 */
public final class InMemoryPseudonymIndex implements PseudonymIndex {

  private record Key(String domain, String pseudonym) {}

  private final ConcurrentMap<Key, String> rows = new ConcurrentHashMap<>();

  @Override
  public void record(PseudonymMapping mapping) {
    Objects.requireNonNull(mapping, "mapping");
    String previous =
        rows.putIfAbsent(new Key(mapping.domain(), mapping.pseudonym()), mapping.nationalId());
    if (previous != null && !previous.equals(mapping.nationalId())) {
      // 130-bit pseudonyms do not collide by chance: this is a key mix-up, and must not be hidden.
      throw new IllegalStateException("a pseudonym of this domain already maps to another person");
    }
  }

  @Override
  public Optional<String> nationalIdOf(String domain, String pseudonym) {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(pseudonym, "pseudonym");
    return Optional.ofNullable(rows.get(new Key(domain, pseudonym)));
  }
}
