package kr.hiway.gateway.registry;

import java.util.Optional;
import kr.hiway.vocabulary.LinkageToken;

/**
 * The linkage keys the gateway shares with each hospital, one per hospital. Implementations must be
 * thread-safe; the result is empty for a hospital whose key the gateway does not hold, and such a
 * hospital is never asked about anyone.
 */
public interface LinkageKeyring {

  Optional<LinkageToken> forHospital(String hospitalCode);
}
