package kr.hiway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.demo.network.DemoNetwork;
import kr.hiway.gateway.registry.HospitalRegistry;
import kr.hiway.gateway.registry.RegisteredHospital;
import kr.hiway.gateway.testing.GatewayHttp;
import kr.hiway.gateway.testing.SmartLogin;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Paging through a patient's answer across the 47 demo hospitals over HTTP, counting the requests
 * each hospital's adapter receives: a page must cost what it returns, not a new fan-out.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:paging;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.persons=2000"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagingEndToEndTest {

  @LocalServerPort int port;
  @Autowired DemoNetwork network;
  @Autowired HospitalRegistry registry;
  GatewayHttp api;
  String token;
  String patient;

  @BeforeAll
  void signIn() throws Exception {
    String base = "http://localhost:" + port;
    api = new GatewayHttp(base);
    SmartLogin.Tokens t =
        new SmartLogin(base)
            .signIn("patient47", "patient47", "openid fhirUser launch/patient patient/*.rs");
    token = t.accessToken();
    patient = t.body().path("patient").asString();
    // Connections and linkages first, so that the counts below are of the paging alone.
    api.get("Patient/" + patient + "/$everything?_count=1", token);
  }

  @Test
  void everythingWhenPagedThenPagesConcatenateToTheUnpagedAnswerAndEachPageAsksFewHospitalsOnce()
      throws Exception {
    Map<String, Long> before = calls();
    Bundle whole = api.get("Patient/" + patient + "/$everything?_count=1000", token).bundle();
    long unpagedCalls = total(delta(before));
    assertThat(whole.getLink(Bundle.LINK_NEXT)).isNull();
    List<String> expected = ids(whole);
    assertThat(expected.size()).isGreaterThan(300);

    Paged paged = pageThrough("Patient/" + patient + "/$everything?_count=50");

    assertThat(paged.ids()).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
    assertThat(paged.totals()).containsOnly(whole.getTotal());
    assertThat(paged.perPage().get(0).keySet()).hasSize(47);
    for (int n = 1; n < paged.perPage().size(); n++) {
      Map<String, Long> called = paged.perPage().get(n);
      assertThat(called.values()).as("page %d: once each", n + 1).allMatch(c -> c == 1);
      // 50 results span at most a few hospitals, never the whole network.
      assertThat(called.size()).as("page %d", n + 1).isLessThanOrEqualTo(paged.sources(n) + 1);
      assertThat(paged.sources(n)).isPositive();
    }
    long pages = paged.perPage().size();
    long hospitalCalls = paged.perPage().stream().mapToLong(PagingEndToEndTest::total).sum();
    // Before: each page ran the whole fan-out again, as the unpaged answer does.
    long before47 = pages * unpagedCalls;
    System.out.printf(
        "paging patient47's $everything at _count=50: %d records, %d pages, hospital calls: before"
            + " %d (pages x one whole fan-out of %d), after %d%n",
        expected.size(), pages, before47, unpagedCalls, hospitalCalls);
    assertThat(hospitalCalls).isLessThan(before47 / 5);
    // The first page asks all 47; after it, a hospital is asked once for each page its results
    // reach, and pages share at most one hospital at their seams.
    assertThat(hospitalCalls).isLessThanOrEqualTo(47 + 47 + pages);
  }

  @Test
  void searchWhenPagedOnePerPageThenEveryMatchOnceInTheUnpagedOrder() throws Exception {
    Bundle whole = api.get("Condition?patient=" + patient + "&_count=1000", token).bundle();
    Paged paged = pageThrough("Condition?patient=" + patient + "&_count=1");
    assertThat(paged.ids()).containsExactlyElementsOf(ids(whole));
    for (int n = 1; n < paged.perPage().size(); n++) {
      assertThat(total(paged.perPage().get(n))).as("page %d", n + 1).isEqualTo(1);
    }
  }

  /** Every page of an answer, and the hospital requests each page made. */
  record Paged(
      List<String> ids,
      List<Integer> totals,
      List<Map<String, Long>> perPage,
      List<Set<String>> sourcesPerPage) {
    int sources(int page) {
      return sourcesPerPage.get(page).size();
    }
  }

  Paged pageThrough(String first) throws Exception {
    List<String> ids = new ArrayList<>();
    List<Integer> totals = new ArrayList<>();
    List<Map<String, Long>> perPage = new ArrayList<>();
    List<Set<String>> sources = new ArrayList<>();
    String next = first;
    while (next != null) {
      Map<String, Long> before = calls();
      GatewayHttp.Answer answer = api.get(next, token);
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      perPage.add(delta(before));
      Bundle page = answer.bundle();
      ids.addAll(ids(page));
      totals.add(page.hasTotal() ? page.getTotal() : null);
      Set<String> from = new HashSet<>();
      records(page).forEach(r -> from.add(r.getMeta().getSource()));
      sources.add(from);
      assertThat(perPage.size()).as("pages").isLessThan(2000);
      next =
          page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLink(Bundle.LINK_NEXT).getUrl();
    }
    return new Paged(ids, totals, perPage, sources);
  }

  static List<Resource> records(Bundle bundle) {
    return bundle.getEntry().stream()
        .filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
        .map(BundleEntryComponent::getResource)
        .toList();
  }

  @Test
  void pageWhenEveryHospitalItAsksFailsThen503AndTheSameLinkLaterGivesThePageNothingSkipped()
      throws Exception {
    List<String> expected =
        ids(api.get("Condition?patient=" + patient + "&_count=1000", token).bundle());
    Bundle first = api.get("Condition?patient=" + patient + "&_count=1", token).bundle();
    String next = first.getLink(Bundle.LINK_NEXT).getUrl();
    List<RegisteredHospital> registered = registry.all();
    try {
      // Every hospital moves to an address where nothing listens: a later page asks only the
      // one it takes from, which fails.
      for (RegisteredHospital h : registered) {
        registry.register(h.hospital(), URI.create("https://127.0.0.1:1/fhir"));
      }
      GatewayHttp.Answer failed = api.get(next, token);
      assertThat(failed.status()).isEqualTo(503);
      assertThat(failed.errorCode()).isEqualTo("HIW-G008");
      // Within a breaker's open time every hospital is called again.
      assertThat(failed.raw().headers().firstValue("Retry-After")).contains("10");
    } finally {
      for (RegisteredHospital h : registered) {
        registry.register(h.hospital(), h.baseUrl());
      }
    }
    // The continuation did not advance: the same link now gives the second record.
    GatewayHttp.Answer again = api.get(next, token);
    assertThat(again.status()).isEqualTo(200);
    assertThat(ids(again.bundle())).containsExactly(expected.get(1));
  }

  static List<String> ids(Bundle bundle) {
    return records(bundle).stream().map(r -> r.fhirType() + "/" + r.getIdPart()).toList();
  }

  Map<String, Long> calls() {
    Map<String, Long> counts = new HashMap<>();
    network.nodes().forEach(n -> counts.put(n.hospital().code(), n.adapter().requestCount()));
    return counts;
  }

  Map<String, Long> delta(Map<String, Long> before) {
    Map<String, Long> called = new HashMap<>();
    calls()
        .forEach((code, now) -> {
          long d = now - before.get(code);
          if (d > 0) {
            called.put(code, d);
          }
        });
    return called;
  }

  static long total(Map<String, Long> calls) {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }
}
