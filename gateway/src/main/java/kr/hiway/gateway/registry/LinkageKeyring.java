package kr.hiway.gateway.registry;

import java.util.Optional;
import kr.hiway.vocabulary.LinkageToken;

/**
 * The linkage keys the gateway shares with each hospital, one per hospital. Implementations must be
 * thread-safe; the result is empty for a hospital whose key the gateway does not hold, and such a
 * hospital is never asked about anyone.
 */
public interface LinkageKeyring {

  /** Where a hospital's key comes from. */
  enum Source {
    /** {@code hiway.linkage.keys.<code>} in the configuration: it wins over the others. */
    CONFIGURED,
    /** Provisioned through the operator API, kept sealed in the database. */
    PROVISIONED,
    /** The demo network's own key for its simulated hospital. */
    DEMO
  }

  Optional<LinkageToken> forHospital(String hospitalCode);

  /** Where the hospital's key comes from, or empty if the gateway holds none. */
  default Optional<Source> source(String hospitalCode) {
    return Optional.empty();
  }
}
