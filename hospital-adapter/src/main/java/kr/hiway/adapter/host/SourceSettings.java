package kr.hiway.adapter.host;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import kr.hiway.vocabulary.LinkageToken;

/**
 * What a {@link SourceFactory} is given: the hospital's code, its linkage key (read by the host
 * from the file or environment variable the configuration names), and every {@code source.*}
 * setting of the configuration file, without the prefix ({@code source.jdbc-url} is {@code
 * jdbc-url}). Immutable.
 *
 * @param hospitalCode the hospital's code, as registered with the gateway
 * @param linkage the token maker for the key shared with the gateway
 * @param properties the {@code source.*} settings, without the prefix
 */
public record SourceSettings(
    String hospitalCode, LinkageToken linkage, Map<String, String> properties) {

  public SourceSettings {
    Objects.requireNonNull(hospitalCode, "hospitalCode");
    Objects.requireNonNull(linkage, "linkage");
    properties = Map.copyOf(properties);
  }

  /** A {@code source.*} setting, without the prefix. */
  public Optional<String> property(String name) {
    return Optional.ofNullable(properties.get(name));
  }
}
