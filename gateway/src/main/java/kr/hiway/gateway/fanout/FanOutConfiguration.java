package kr.hiway.gateway.fanout;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FanOutProperties.class)
class FanOutConfiguration {

  /**
   * One per process: it owns the shared HTTP client, the linkage cache and the circuit breakers,
   * all of which only work if shared.
   */
  @Bean(destroyMethod = "close")
  FanOut fanOut(FhirContext fhir, FanOutProperties properties) {
    return new FanOut(fhir, properties.toSettings());
  }
}
