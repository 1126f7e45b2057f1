package kr.hiway.gateway.api;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import kr.hiway.gateway.error.ErrorShape;
import kr.hiway.vocabulary.RecordType;

/**
 * The patient-facing FHIR R4 API at {@code /fhir}: a plain HAPI server whose providers fan out to
 * the hospitals. Security runs before it (Spring Security's resource server); the providers check
 * what each caller may see.
 */
final class GatewayFhirServlet extends RestfulServer {

  @Serial private static final long serialVersionUID = 1L;

  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  GatewayFhirServlet(
      FhirContext fhir,
      AbstractRecordApi.Services services,
      StatelessPaging paging,
      List<IResourceProvider> more,
      String issuer) {
    super(fhir);
    List<IResourceProvider> providers = new ArrayList<>(more);
    providers.add(
        new PatientApi(
            services.access(), services.retrieval(), services.disclosures(), services.tokens()));
    for (RecordType type : RecordType.values()) {
      providers.add(
          type == RecordType.IMMUNIZATION
              ? new ImmunizationApi(services)
              : new RecordApi(type, services));
    }
    setResourceProviders(providers);
    setPagingProvider(paging);
    setDefaultResponseEncoding(EncodingEnum.JSON);
    // Links, fullUrls and the capability statement name the configured public base URL, never the
    // request's Host header: behind a load balancer that header is whatever a client sent.
    setServerAddressStrategy(new HardcodedServerAddressStrategy(issuer + "/fhir"));
    setImplementationDescription("Health Information Highway gateway");
    registerInterceptor(new ErrorShape());
    registerInterceptor(new ParameterGuard());
    registerInterceptor(new SmartCapability(issuer));
    registerInterceptor(new PreEncodedResponses(fhir));
  }

  /** No {@code X-Powered-By}: the server's make and version are no client's business. */
  @Override
  public void addHeadersToResponse(HttpServletResponse response) {}

  /**
   * A request id for correlating logs (a client's own {@code X-Request-ID} is kept): random, not
   * secret, so the cheap generator rather than HAPI's, which builds a new random-bit cache for each
   * id.
   */
  @Override
  protected String newRequestId(int length) {
    char[] id = new char[length];
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < length; i++) {
      id[i] = ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length()));
    }
    return new String(id);
  }
}
