package kr.hiway.gateway.demo;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo network started beside the gateway.
 *
 * @param enabled whether to start it (on by default: the zero-configuration demo)
 * @param seed what the synthetic population is generated from
 * @param persons how many persons the population holds
 * @param latency each hospital's mean added response time
 * @param jitter the largest deviation from that mean
 * @param basePort the first hospital's port (the others follow), or 0 for any free ports
 * @param mobileBackendSecret the demo confidential client's secret; random when not set
 * @param tls whether the adapters serve mutual TLS with certificates from the gateway CA (on by
 *     default); off, they serve plain HTTP, which the gateway calls only with {@code
 *     hiway.fanout.allow-plain-http=true} (for benchmarks)
 * @param networkFile the file a demo network running apart wrote ({@link NetworkMain}); when set,
 *     no network is started here, and the hospitals of that file are registered instead (the
 *     settings of the network above then do not apply)
 * @param jwksFile where the demo keeps the token signing keys it made, when {@code
 *     hiway.security.jwks} is not set
 * @param witnesses whether to start the demo's two ledger witnesses when {@code
 *     hiway.ledger.witnesses} is not set (on by default)
 * @param witnessFolder where those witnesses keep their keys and what they cosigned, one folder
 *     each: their own files, not the gateway's database
 */
@ConfigurationProperties("hiway.demo")
public record DemoProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("20240101") long seed,
    @DefaultValue("12000") int persons,
    @DefaultValue("0ms") Duration latency,
    @DefaultValue("0ms") Duration jitter,
    @DefaultValue("0") int basePort,
    String mobileBackendSecret,
    @DefaultValue("true") boolean tls,
    Path networkFile,
    @DefaultValue("data/jwks.json") Path jwksFile,
    @DefaultValue("true") boolean witnesses,
    @DefaultValue("data/witnesses") Path witnessFolder) {}
