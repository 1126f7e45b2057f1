package kr.hiway.gateway.api;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys that seal paging links, under {@code hiway.fhir}. Every instance of a fleet holds the
 * same ones, so that a link made by one is followed on any other.
 *
 * @param pagingKey the key new links are sealed with: base64 of 32 random bytes, from a secret
 *     store. Required outside the demo
 * @param retiredPagingKeys keys that sealed links before the current one, still accepted to open
 *     links until those have expired (ten minutes after the rotation at most); then remove them
 * @param demoPagingKeyFile where the demo keeps the key it made itself when none is configured
 */
@ConfigurationProperties("hiway.fhir")
public record PagingProperties(
    String pagingKey,
    @DefaultValue({}) List<String> retiredPagingKeys,
    @DefaultValue("data/paging.key") Path demoPagingKeyFile) {}
