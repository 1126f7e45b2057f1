package kr.hiway.gateway;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

  /** One R4 context for the whole process: it is costly to build and safe to share. */
  @Bean
  FhirContext fhirContext() {
    FhirContext fhir = FhirContext.forR4Cached();
    // Nothing here relies on HAPI containing reference targets that lack an id, and looking for
    // them costs a walk over every resource encoded.
    fhir.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
    return fhir;
  }
}
