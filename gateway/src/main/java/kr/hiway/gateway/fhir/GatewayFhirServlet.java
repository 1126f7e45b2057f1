package kr.hiway.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import kr.hiway.adapter.source.RecordType;

/**
 * The patient-facing FHIR R4 API at {@code /fhir}: a plain HAPI server whose providers fan out to
 * the hospitals. Security runs before it (Spring Security's resource server); the providers check
 * what each caller may see.
 */
final class GatewayFhirServlet extends RestfulServer {

  @Serial private static final long serialVersionUID = 1L;

  GatewayFhirServlet(
      FhirContext fhir,
      AbstractRecordApi.Services services,
      StatelessPaging paging,
      List<IResourceProvider> more,
      String issuer) {
    super(fhir);
    List<IResourceProvider> providers = new ArrayList<>(more);
    providers.add(new PatientApi(services.access(), services.retrieval(), services.disclosures()));
    for (RecordType type : RecordType.values()) {
      providers.add(
          type == RecordType.IMMUNIZATION
              ? new ImmunizationApi(services)
              : new RecordApi(type, services));
    }
    setResourceProviders(providers);
    setPagingProvider(paging);
    setDefaultResponseEncoding(EncodingEnum.JSON);
    setImplementationDescription("Health Information Highway gateway");
    registerInterceptor(new ErrorShape());
    registerInterceptor(new ParameterGuard());
    registerInterceptor(new SmartCapability(issuer));
    registerInterceptor(new PreEncodedResponses(fhir));
  }
}
