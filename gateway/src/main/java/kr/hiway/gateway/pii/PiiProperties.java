package kr.hiway.gateway.pii;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key national identifiers are kept with at rest.
 *
 * @param key base64 of 32 random bytes, from a secret store in production; never the pseudonym
 *     master key. The encryption key and the lookup-hash key are both derived from it (HKDF)
 * @param demoKeyFile where the demo keeps the key it made itself when none is configured
 */
@ConfigurationProperties("hiway.pii")
public record PiiProperties(String key, @DefaultValue("data/pii.key") Path demoKeyFile) {}
