package kr.hiway.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import kr.hiway.gateway.fanout.FanOut;
import kr.hiway.gateway.registry.Targets;
import kr.hiway.gateway.security.SecurityProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FhirApiConfiguration {

  @Bean
  ServletRegistrationBean<GatewayFhirServlet> fhirServlet(
      FhirContext fhir,
      Access access,
      Retrieval retrieval,
      Targets targets,
      FanOut fanOut,
      PatientContexts patients,
      SecurityProperties security) {
    AbstractRecordApi.Services services =
        new AbstractRecordApi.Services(access, retrieval, targets, fanOut, patients);
    // A fresh key per process: paging links end with it, which at most costs a client a new
    // search. Instances behind one load balancer would share one from configuration.
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    StatelessPaging paging =
        new StatelessPaging(
            new PageTokens(key, Duration.ofMinutes(10), Clock.systemUTC()), retrieval, access);
    ServletRegistrationBean<GatewayFhirServlet> registration =
        new ServletRegistrationBean<>(
            new GatewayFhirServlet(fhir, services, paging, issuer(security)), "/fhir/*");
    registration.setName("fhir");
    registration.setLoadOnStartup(1);
    return registration;
  }

  @Bean
  ServletRegistrationBean<SmartConfigurationServlet> smartConfigurationServlet(
      SecurityProperties security) {
    ServletRegistrationBean<SmartConfigurationServlet> registration =
        new ServletRegistrationBean<>(
            new SmartConfigurationServlet(issuer(security)),
            "/fhir/.well-known/smart-configuration");
    registration.setName("smart-configuration");
    return registration;
  }

  private static String issuer(SecurityProperties security) {
    String issuer = security.issuer().toString();
    return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
  }
}
