package kr.hiway.gateway.export;

import ca.uhn.fhir.context.FhirContext;
import kr.hiway.gateway.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Bulk Data endpoints as a servlet of their own: its paths are longer than HAPI's {@code
 * /fhir/*}, so the container routes them here, behind the same security chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExportProperties.class)
class ExportConfiguration {

  @Bean
  ServletRegistrationBean<BulkExportServlet> bulkExportServlet(
      CohortExport exports,
      ExportJobs jobs,
      ExportProperties props,
      SecurityProperties security,
      FhirContext fhir) {
    ServletRegistrationBean<BulkExportServlet> registration =
        new ServletRegistrationBean<>(
            new BulkExportServlet(new ExportApi(exports, jobs, props, security, fhir), fhir),
            "/fhir/Group/*",
            "/fhir" + BulkExportServlet.STATUS + "*",
            "/fhir" + BulkExportServlet.FILES + "*");
    registration.setName("bulk-export");
    return registration;
  }
}
