package kr.hiway.adapter.conformance;

import static kr.hiway.adapter.conformance.Session.require;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kr.hiway.vocabulary.LinkageToken;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/** The checks around the patient: the capability statement, linkage, Patient read, errors. */
final class ServerChecks {

  private final Session session;

  ServerChecks(Session session) {
    this.session = session;
  }

  void metadata() {
    session.check(
        "metadata",
        () -> {
          CapabilityStatement cs = session.read(session.get("metadata"), CapabilityStatement.class);
          require(
              "4.0.1".equals(cs.getFhirVersion() == null ? null : cs.getFhirVersion().toCode()),
              "fhirVersion is " + cs.getFhirVersionElement().getValueAsString() + ", not 4.0.1");
          List<CapabilityStatementRestResourceComponent> resources =
              cs.getRestFirstRep().getResource();
          List<String> missing = new ArrayList<>();
          if (!searchParams(resources, "Patient").contains("identifier")) {
            missing.add("Patient?identifier");
          }
          for (RecordType type : RecordType.values()) {
            if (!searchParams(resources, type.fhirType()).contains("patient")) {
              missing.add(type.fhirType() + "?patient");
            }
          }
          require(missing.isEmpty(), "the CapabilityStatement does not offer " + missing);
          return "FHIR 4.0.1, Patient and the nine record types searchable";
        });
  }

  /**
   * Looks the test person up by linkage token, and an unknown and two malformed tokens.
   *
   * @return the local Patient id, if the lookup found the person
   */
  Optional<String> linkage(String token) {
    String[] id = new String[1];
    session.check(
        "linkage.found",
        () -> {
          Bundle found = session.searchset(session.get(identifierQuery(token)));
          List<Resource> entries = resources(found);
          require(
              entries.size() == 1,
              "the lookup of the test person's token found "
                  + entries.size()
                  + " resources, expected one Patient");
          require(
              entries.get(0) instanceof Patient,
              "the lookup found a " + entries.get(0).fhirType() + ", not a Patient");
          Patient p = (Patient) entries.get(0);
          // The gateway refuses a patient who carries another linkage token than the one asked.
          for (Identifier i : p.getIdentifier()) {
            require(
                !LinkageToken.SYSTEM.equals(i.getSystem()) || token.equals(i.getValue()),
                "Patient/" + p.getIdPart() + " carries a different linkage token");
          }
          id[0] = p.getIdElement().getIdPart();
          return "found Patient/" + id[0];
        });
    session.check(
        "linkage.unknown",
        () -> {
          Bundle none = session.searchset(session.get(identifierQuery(randomToken())));
          require(
              resources(none).isEmpty(),
              "an unknown token found " + resources(none).size() + " resources, expected none");
          require(
              !none.hasTotal() || none.getTotal() == 0,
              "an unknown token's Bundle says total " + none.getTotal());
          return "an unknown token gives an empty searchset";
        });
    session.check(
        "linkage.malformed",
        () -> {
          session.outcome(session.get("Patient?identifier=" + encode(token)), Set.of(400));
          session.outcome(session.get("Patient?identifier=" + encode("urn:other|x")), Set.of(400));
          return "a token without the linkage system, or another system, gives 400";
        });
    return Optional.ofNullable(id[0]);
  }

  void patientRead(String patientId) {
    session.check(
        "patient.read",
        () -> {
          Patient p = session.read(session.get("Patient/" + patientId), Patient.class);
          require(
              patientId.equals(p.getIdElement().getIdPart()),
              "GET Patient/" + patientId + " answered Patient/" + p.getIdElement().getIdPart());
          require(
              p.getMeta().hasLastUpdated(), "Patient/" + patientId + " has no meta.lastUpdated");
          return "Patient/" + patientId;
        });
  }

  /** Bad requests: each must be answered with an OperationOutcome and the right status. */
  void errors(Optional<String> patientId) {
    String patient = patientId.orElse("conformance-nobody");
    session.check(
        "error.unknown-type",
        () -> {
          session.outcome(session.get("Claim?patient=" + patient), Set.of(400, 404));
          return "Claim?patient=… gives 400/404 with an OperationOutcome";
        });
    session.check(
        "error.bad-date",
        () -> {
          session.outcome(
              session.get("Observation?patient=" + patient + "&date=notadate"), Set.of(400));
          return "date=notadate gives 400 with an OperationOutcome";
        });
    session.check(
        "error.unknown-parameter",
        () -> {
          session.outcome(
              session.get("Observation?patient=" + patient + "&conformance-unknown=1"),
              Set.of(400));
          return "an unknown parameter gives 400 (ignoring it would widen the result)";
        });
    session.check(
        "error.unknown-patient",
        () -> {
          session.outcome(session.get("Patient/conformance-nobody"), Set.of(404));
          session.outcome(session.get("Patient/conformance-nobody/$everything"), Set.of(404));
          return "Patient/{unknown} and its $everything give 404";
        });
    session.check(
        "error.unknown-record",
        () -> {
          session.outcome(session.get("Observation/conformance-nothing"), Set.of(404));
          return "Observation/{unknown} gives 404";
        });
  }

  static String identifierQuery(String token) {
    return "Patient?identifier=" + encode(LinkageToken.SYSTEM + "|" + token);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static List<Resource> resources(Bundle bundle) {
    return bundle.getEntry().stream()
        .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
        .map(Bundle.BundleEntryComponent::getResource)
        .toList();
  }

  /** A token of the right shape (HMAC-SHA256, base64url) that no person has. */
  static String randomToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static List<String> searchParams(
      List<CapabilityStatementRestResourceComponent> resources, String type) {
    return resources.stream()
        .filter(r -> type.equals(r.getType()))
        .flatMap(r -> r.getSearchParam().stream())
        .map(p -> p.getName())
        .toList();
  }
}
