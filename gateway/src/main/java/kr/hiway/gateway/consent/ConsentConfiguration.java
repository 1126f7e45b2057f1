package kr.hiway.gateway.consent;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import javax.sql.DataSource;
import kr.hiway.consent.model.ConsentFhir;
import kr.hiway.consent.store.ConsentStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consent library's parts, on the gateway's database and clock. */
@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

  @Bean
  ConsentFhir consentFhir(FhirContext fhir) {
    return new ConsentFhir(fhir);
  }

  @Bean
  ConsentStore consentStore(DataSource dataSource, ConsentFhir consentFhir, Clock clock) {
    return new ConsentStore(dataSource, consentFhir, clock);
  }
}
