package kr.hiway.gateway.pseudonym;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the pseudonymization master key comes from.
 *
 * @param masterKey the master key, base64, at least 32 bytes; from a secret store in production
 * @param demoKeyFile where the demo keeps a key it generated itself when no key is configured
 */
@ConfigurationProperties("hiway.pseudonym")
public record PseudonymProperties(
    String masterKey, @DefaultValue("data/pseudonym-master.key") Path demoKeyFile) {}
