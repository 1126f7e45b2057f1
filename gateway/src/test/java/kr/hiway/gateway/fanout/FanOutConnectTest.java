package kr.hiway.gateway.fanout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FanOut#connect}: every hospital asked once, one that fails is no one else's problem. */
class FanOutConnectTest extends ThreeHospitals {

  @Test
  void connectWhenOneHospitalFailsThenEveryOneAskedAndTheOthersKeptOpen() throws Exception {
    for (WireHospital h : List.of(a, c)) {
      h.server.stubFor(
          get(urlPathEqualTo("/fhir/metadata"))
              .willReturn(WireHospital.fhirJson("{\"resourceType\":\"CapabilityStatement\"}")));
    }
    b.server.stubFor(
        get(urlPathEqualTo("/fhir/metadata"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    fanOut.connect(List.of(a.target(), b.target(), c.target()), 2);

    for (WireHospital h : List.of(a, c)) {
      h.server.verify(1, getRequestedFor(urlPathEqualTo("/fhir/metadata")));
    }
    // b reset the connection: asked again twice (HospitalHttp.ResetRetry), then left.
    b.server.verify(3, getRequestedFor(urlPathEqualTo("/fhir/metadata")));
    // The breakers saw nothing: b's failure at start does not count against it.
    assertThat(fanOut.breakers().getAllCircuitBreakers()).isEmpty();
    // And the patient's call afterwards is answered by all three.
    assertThat(fetch()).allMatch(r -> r instanceof HospitalResult.Answered);
  }
}
