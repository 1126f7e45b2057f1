package kr.hiway.adapter.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kr.hiway.adapter.source.HospitalSource;
import kr.hiway.vocabulary.RecordType;

/**
 * The FHIR R4 face of one hospital: a HAPI {@link RestfulServer} over the hospital's {@link
 * HospitalSource}. Mount it at {@code /fhir/*} in any servlet container.
 *
 * <p>It serves Patient read, the linkage lookup, {@code Patient/{id}/$everything}, and read and
 * search of the nine record types; its CapabilityStatement is generated from exactly these methods.
 */
public final class AdapterServlet extends RestfulServer {

  @Serial private static final long serialVersionUID = 1L;

  private final transient Latency latency;
  private final AtomicLong requests = new AtomicLong();

  /**
   * @param fhirContext the process's shared R4 context
   * @param hospitalCode the hospital's code, used in logs only
   * @param source the hospital's data
   * @param latency an artificial delay per request, {@link Latency#NONE} in production
   */
  public AdapterServlet(
      FhirContext fhirContext, String hospitalCode, HospitalSource source, Latency latency) {
    super(fhirContext);
    Objects.requireNonNull(hospitalCode, "hospitalCode");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(latency, "latency");
    List<IResourceProvider> providers = new ArrayList<>();
    providers.add(new PatientProvider(source));
    for (RecordType type : RecordType.values()) {
      providers.add(
          type == RecordType.IMMUNIZATION
              ? new ImmunizationProvider(source)
              : new RecordProvider(type, source));
    }
    setResourceProviders(providers);
    setDefaultResponseEncoding(EncodingEnum.JSON);
    setImplementationDescription("Hospital adapter " + hospitalCode);
    registerInterceptor(new ErrorInterceptor(hospitalCode));
    this.latency = latency;
  }

  /** How many requests this adapter has received, for operators and tests. */
  public long requestCount() {
    return requests.get();
  }

  /**
   * With a latency set, each answer leaves after {@code latency} in total: the time spent computing
   * it counts towards the delay, as it would at a real hospital.
   */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    requests.incrementAndGet();
    if (latency.isNone()) {
      super.service(request, response);
      return;
    }
    long releaseAt = System.nanoTime() + latency.drawNanos();
    DelayedResponse delayed = new DelayedResponse(response);
    super.service(request, delayed);
    long wait = releaseAt - System.nanoTime();
    if (wait > 0) {
      try {
        // Requests run on virtual threads, so a waiting answer holds no platform thread.
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    delayed.release();
  }
}
