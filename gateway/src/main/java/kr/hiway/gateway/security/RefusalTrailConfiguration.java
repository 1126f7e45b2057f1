package kr.hiway.gateway.security;

import kr.hiway.gateway.audit.RefusalAudit;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RefusalTrailConfiguration {

  /** Where Spring Boot registers Spring Security's filter chain. */
  private static final int SPRING_SECURITY_ORDER = -100;

  /** Around Spring Security (whose filters run at order -100), on the audited APIs only. */
  @Bean
  FilterRegistrationBean<RefusalTrail> refusalTrail(RefusalAudit audit) {
    FilterRegistrationBean<RefusalTrail> registration =
        new FilterRegistrationBean<>(new RefusalTrail(audit));
    registration.addUrlPatterns(
        "/fhir/*",
        "/regulator/*",
        "/ledger/*",
        "/trust-center/*",
        "/export-review/*",
        "/api/account/*");
    registration.setOrder(SPRING_SECURITY_ORDER - 1);
    return registration;
  }
}
