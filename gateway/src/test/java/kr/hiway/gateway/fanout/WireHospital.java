package kr.hiway.gateway.fanout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import ca.uhn.fhir.context.FhirContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import kr.hiway.vocabulary.LinkageToken;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** A hospital played by WireMock under {@code /fhir}, with fixtures built by HAPI. */
final class WireHospital implements AutoCloseable {

  static final FhirContext FHIR = FhirContext.forR4Cached();
  static final String NATIONAL_ID = "900101-1234567";
  static final PatientContext PERSON = new PatientContext("gw-1", NATIONAL_ID);
  static final String MRN_SYSTEM = "urn:test:mrn";

  final String code;
  final WireMockServer server;
  final LinkageToken linkage;

  WireHospital(String code) {
    this.code = code;
    this.server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) code.hashCode());
    this.linkage = LinkageToken.withKey(key);
  }

  HospitalTarget target() {
    return new HospitalTarget(code, URI.create(base()), linkage);
  }

  String base() {
    return server.baseUrl() + "/fhir";
  }

  String token() {
    return linkage.of(NATIONAL_ID);
  }

  /** The person is patient {@code localId} here. */
  void links(String localId) {
    server.stubFor(lookup().willReturn(fhirJson(searchset(patient(localId, token())))));
  }

  /** The person is not a patient here. */
  void linksNobody() {
    server.stubFor(lookup().willReturn(fhirJson(searchset())));
  }

  MappingBuilder lookup() {
    return get(urlPathEqualTo("/fhir/Patient"))
        .withQueryParam("identifier", equalTo(LinkageToken.SYSTEM + "|" + token()));
  }

  static MappingBuilder everythingOf(String localId) {
    return get(urlPathEqualTo("/fhir/Patient/" + localId + "/$everything"));
  }

  /** {@code $everything} of {@code localId} in pages linked by offset next links. */
  void everything(String localId, List<List<Resource>> pages) {
    for (int i = 0; i < pages.size(); i++) {
      Bundle page = searchset(pages.get(i).toArray(Resource[]::new));
      if (i + 1 < pages.size()) {
        page.addLink()
            .setRelation(Bundle.LINK_NEXT)
            .setUrl(
                base()
                    + "/Patient/"
                    + localId
                    + "/$everything?_count=500&_offset="
                    + (i + 1) * 500);
      }
      MappingBuilder request =
          everythingOf(localId)
              .withQueryParam("_offset", i == 0 ? absent() : equalTo(String.valueOf(i * 500)));
      server.stubFor(request.willReturn(fhirJson(page)));
    }
  }

  void stub(MappingBuilder request, ResponseDefinitionBuilder response) {
    server.stubFor(request.willReturn(response));
  }

  List<ServeEvent> received() {
    return server.getAllServeEvents();
  }

  @Override
  public void close() {
    server.stop();
  }

  static ResponseDefinitionBuilder fhirJson(IBaseResource resource) {
    return fhirJson(FHIR.newJsonParser().encodeResourceToString(resource));
  }

  static ResponseDefinitionBuilder fhirJson(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/fhir+json;charset=utf-8")
        .withBody(body.getBytes(StandardCharsets.UTF_8));
  }

  static Bundle searchset(Resource... resources) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(resources.length);
    for (Resource r : resources) {
      bundle.addEntry().setResource(r).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
    }
    return bundle;
  }

  static Patient patient(String localId, String token) {
    Patient p = new Patient();
    p.setId(localId);
    p.addIdentifier().setSystem(LinkageToken.SYSTEM).setValue(token);
    p.addIdentifier().setSystem(MRN_SYSTEM).setValue("MRN-" + localId);
    p.addName().setFamily("Hong").addGiven("Gildong");
    return p;
  }

  static Observation observation(String id, String patientId) {
    Observation o = new Observation();
    o.setId(id);
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
    o.setSubject(new Reference("Patient/" + patientId));
    return o;
  }

  static Encounter encounter(String id, String patientId) {
    Encounter e = new Encounter();
    e.setId(id);
    e.setStatus(Encounter.EncounterStatus.FINISHED);
    e.getClass_().setCode("AMB");
    e.setSubject(new Reference("Patient/" + patientId));
    return e;
  }

  static Condition condition(String id, String patientId) {
    Condition c = new Condition();
    c.setId(id);
    c.getCode().addCoding().setSystem("urn:test:codes").setCode("c1");
    c.setSubject(new Reference("Patient/" + patientId));
    return c;
  }
}
