package kr.hiway.gateway.pseudonym;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the pseudonymization master key comes from.
 *
 * @param masterKey the master key, base64, at least 32 bytes; from a secret store in production
 * @param demoKeyFile where the demo keeps a key it generated itself when no key is configured
 * @param profile a de-identification profile file to use instead of the one shipped with the
 *     consent library; null for the shipped one ({@code docs/deidentification.md})
 */
@ConfigurationProperties("hiway.pseudonym")
public record PseudonymProperties(
    String masterKey, @DefaultValue("data/pseudonym-master.key") Path demoKeyFile, Path profile) {}
