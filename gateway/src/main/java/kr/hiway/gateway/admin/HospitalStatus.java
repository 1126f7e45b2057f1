package kr.hiway.gateway.admin;

import java.time.Instant;

/**
 * One hospital as the operator sees it.
 *
 * @param code the hospital's code
 * @param nameEn its English name
 * @param baseUrl where its adapter answers
 * @param enabled whether the gateway may call it
 * @param callable whether it is called at all: enabled, keyed, reached over https (or plain http
 *     where allowed) and, over https, holding a certificate neither revoked nor expired
 * @param notCallableBecause why it is not called, or null when it is: {@code disabled}, {@code
 *     no-linkage-key}, {@code plain-http}, {@code no-valid-certificate}
 * @param linkageKey where its linkage key comes from: {@code configured}, {@code provisioned},
 *     {@code demo}, or {@code none}
 * @param breaker the circuit breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), or
 *     {@code NOT_CALLED} before the first call
 * @param lastCallAt when it was last called, or null
 * @param lastCallSucceeded whether that call succeeded, or null
 * @param consecutiveFailures failures since the last success
 * @param certificateExpires when its last active certificate ends, or null if it has none
 */
public record HospitalStatus(
    String code,
    String nameEn,
    String baseUrl,
    boolean enabled,
    boolean callable,
    String notCallableBecause,
    String linkageKey,
    String breaker,
    Instant lastCallAt,
    Boolean lastCallSucceeded,
    long consecutiveFailures,
    Instant certificateExpires) {}
