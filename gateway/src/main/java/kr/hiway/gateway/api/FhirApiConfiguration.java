package kr.hiway.gateway.api;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import kr.hiway.consent.model.ConsentFhir;
import kr.hiway.consent.store.ConsentStore;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.gateway.fanout.FanOut;
import kr.hiway.gateway.registry.Targets;
import kr.hiway.gateway.release.Access;
import kr.hiway.gateway.release.ConsentWrites;
import kr.hiway.gateway.release.Disclosures;
import kr.hiway.gateway.release.PatientContexts;
import kr.hiway.gateway.release.Retrieval;
import kr.hiway.gateway.security.SecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PagingProperties.class)
class FhirApiConfiguration {

  @Bean
  ServletRegistrationBean<GatewayFhirServlet> fhirServlet(
      FhirContext fhir,
      Access access,
      Retrieval retrieval,
      Targets targets,
      FanOut fanOut,
      PatientContexts patients,
      Disclosures disclosures,
      ConsentStore consentStore,
      ConsentFhir consentFhir,
      RegisteredClientRepository clients,
      AuditTrail audit,
      ConsentWrites consentWrites,
      Clock clock,
      SecurityProperties security,
      PagingProperties paging,
      ObjectProvider<DemoPagingKeys> demoPagingKeys) {
    // The same keys on every instance, so that a link made by one is followed on any other.
    PageTokens tokens =
        new PageTokens(
            PagingKeys.load(paging, demoPagingKeys.getIfAvailable()),
            Duration.ofMinutes(10),
            clock);
    AbstractRecordApi.Services services =
        new AbstractRecordApi.Services(
            access, retrieval, targets, fanOut, patients, disclosures, tokens);
    AuditEventApi auditEvents = new AuditEventApi(access, audit, tokens);
    List<IResourceProvider> more =
        List.of(
            new ConsentApi(
                access, consentStore, consentFhir, clients, targets, consentWrites, clock),
            auditEvents);
    StatelessPaging pager = new StatelessPaging(tokens, retrieval, access, auditEvents);
    ServletRegistrationBean<GatewayFhirServlet> registration =
        new ServletRegistrationBean<>(
            new GatewayFhirServlet(fhir, services, pager, more, issuer(security)), "/fhir/*");
    registration.setName("fhir");
    registration.setLoadOnStartup(1);
    return registration;
  }

  /** Times {@code /fhir} requests before anything else sees them, refusals included. */
  @Bean
  FilterRegistrationBean<FhirRequestMetrics> fhirRequestMetrics(MeterRegistry registry) {
    FilterRegistrationBean<FhirRequestMetrics> registration =
        new FilterRegistrationBean<>(new FhirRequestMetrics(registry));
    registration.addUrlPatterns("/fhir/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  /**
   * Request bodies over {@code hiway.http.max-body-bytes} (1 MiB) are refused with 413 before
   * anything parses them, on every path (the FHIR API, sign-in, the staff APIs).
   */
  @Bean
  FilterRegistrationBean<BodyLimit> bodyLimit(
      FhirContext fhir,
      @org.springframework.beans.factory.annotation.Value("${hiway.http.max-body-bytes:1048576}")
          long max) {
    FilterRegistrationBean<BodyLimit> registration =
        new FilterRegistrationBean<>(
            new BodyLimit(max, new kr.hiway.gateway.error.FhirErrorResponses(fhir)));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Spring's generic HTTP observation is left to the other paths: see FhirRequestMetrics. */
  @Bean
  ObservationPredicate notFhirRequests() {
    return (name, context) ->
        !(context instanceof ServerRequestObservationContext request
            && isFhir(request.getCarrier().getRequestURI()));
  }

  private static boolean isFhir(String uri) {
    return uri.equals("/fhir") || uri.startsWith("/fhir/");
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
