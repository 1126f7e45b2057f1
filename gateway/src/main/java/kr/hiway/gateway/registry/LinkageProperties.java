package kr.hiway.gateway.registry;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Linkage keys from configuration: {@code hiway.linkage.keys.<hospital-code>=<base64 key>}, each at
 * least 32 bytes. Supply them from the environment or a secret store, never from a file in the
 * repository. The demo network brings its own.
 */
@ConfigurationProperties("hiway.linkage")
public record LinkageProperties(@DefaultValue Map<String, String> keys) {}
