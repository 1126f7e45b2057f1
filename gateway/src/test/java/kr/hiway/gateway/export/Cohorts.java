package kr.hiway.gateway.export;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import kr.hiway.consent.model.ConsentGrant;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.model.TimeRange;
import kr.hiway.demo.simulator.SyntheticPopulation;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.audit.AuditRecord;
import kr.hiway.gateway.release.ConsentWrites;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.vocabulary.RecordType;

/** Research consents for demo persons, and a Bulk Data client's polling, for the export tests. */
public final class Cohorts {

  private Cohorts() {}

  /**
   * Grants {@code recipient} research use (HRESCH) of every record type at every hospital for the
   * demo population's persons {@code from} to {@code to - 1} (each given an account if they have
   * none), as their apps would.
   *
   * @return their gateway patient ids
   */
  public static List<String> consent(
      ConsentWrites writes,
      PatientAccounts accounts,
      SyntheticPopulation population,
      String recipient,
      int from,
      int to) {
    List<String> ids = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = from; i < to; i++) {
      String nationalId = population.person(i).nationalId();
      String patient =
          accounts
              .byNationalId(nationalId)
              .orElseGet(
                  () -> accounts.createIfAbsent("cohort" + nationalId.hashCode(), "x", nationalId))
              .patientId();
      writes.create(
          new ConsentGrant(
              patient,
              recipient,
              Set.of(PurposeOfUse.HRESCH),
              EnumSet.allOf(RecordType.class),
              Set.of(),
              TimeRange.ALWAYS,
              new TimeRange(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))),
              Set.of()),
          AuditRecord.success(AuditAction.CREATE, "test", patient).patient(patient).build());
      ids.add(patient);
    }
    return ids;
  }

  /** Polls a status URL until it is no longer 202, or fails after {@code limit}. */
  static GatewayHttp.Answer poll(GatewayHttp api, String status, String token, Duration limit)
      throws Exception {
    Instant end = Instant.now().plus(limit);
    while (true) {
      GatewayHttp.Answer a = api.get(status, token);
      if (a.status() != 202 || Instant.now().isAfter(end)) {
        return a;
      }
      Thread.sleep(300);
    }
  }

  /** A kick-off, as a Bulk Data client sends it. */
  static GatewayHttp.Answer kickOff(GatewayHttp api, String base, String path, String token)
      throws Exception {
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/fhir/" + path))
            .header("Accept", "application/fhir+json")
            .header("Prefer", "respond-async")
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    return new GatewayHttp.Answer(r.statusCode(), r.body(), r);
  }

  /** DELETE on a URL. */
  static int delete(String base, String url, String token) throws Exception {
    String local = url.replace(GatewayHttp.PUBLIC_BASE, base);
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(local))
            .header("Authorization", "Bearer " + token)
            .DELETE()
            .build();
    return java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
