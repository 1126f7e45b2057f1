package kr.hiway.gateway.registry;

import java.util.Map;
import kr.hiway.vocabulary.LinkageToken;

/**
 * Linkage keys a deployment brings besides the configured {@code hiway.linkage.keys}: the demo
 * network's own, for its simulated hospitals. A configured key always wins. Implementations are
 * read once, at start, and must not return null.
 */
@FunctionalInterface
public interface ExtraLinkageKeys {

  /** The keys by hospital code. */
  Map<String, LinkageToken> keys();
}
