package kr.hiway.gateway.fanout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The fan-out's settings under {@code hiway.fanout}; the defaults are {@link
 * FanOutSettings#defaults()}. The circuit breakers always use {@link
 * FanOutSettings#defaultBreaker()}.
 *
 * @param perHospitalTimeout everything asked of one hospital in one request
 * @param overallDeadline by when a fan-out returns
 * @param connectTimeout the TCP connect timeout
 * @param maxResponseSize the largest response body accepted
 * @param maxPages the most pages followed per hospital
 * @param linkageCacheSize the most linkages remembered
 * @param linkagePositiveTtl how long a local patient id is remembered
 * @param linkageNegativeTtl how long "not a patient here" is remembered
 * @param allowPlainHttp whether hospitals registered with an {@code http} base URL are called; off
 *     by default, so that every hospital is reached over mutual TLS. For tests and benchmarks only
 */
@ConfigurationProperties("hiway.fanout")
public record FanOutProperties(
    @DefaultValue("5s") Duration perHospitalTimeout,
    @DefaultValue("8s") Duration overallDeadline,
    @DefaultValue("2s") Duration connectTimeout,
    @DefaultValue("32MB") DataSize maxResponseSize,
    @DefaultValue("50") int maxPages,
    @DefaultValue("100000") int linkageCacheSize,
    @DefaultValue("10m") Duration linkagePositiveTtl,
    @DefaultValue("2m") Duration linkageNegativeTtl,
    @DefaultValue("false") boolean allowPlainHttp) {

  FanOutSettings toSettings() {
    return new FanOutSettings(
        perHospitalTimeout,
        overallDeadline,
        connectTimeout,
        maxResponseSize.toBytes(),
        maxPages,
        linkageCacheSize,
        linkagePositiveTtl,
        linkageNegativeTtl,
        FanOutSettings.defaultBreaker());
  }
}
