package kr.hiway.gateway;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

  /** One R4 context for the whole process: it is costly to build and safe to share. */
  @Bean
  FhirContext fhirContext() {
    return FhirContext.forR4Cached();
  }
}
