package kr.hiway.consent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import kr.hiway.consent.decision.ConsentDecider;
import kr.hiway.consent.decision.Decision;
import kr.hiway.consent.decision.PreparedRequest;
import kr.hiway.consent.decision.Requester;
import kr.hiway.consent.model.ConsentFhir;
import kr.hiway.consent.model.ConsentGrant;
import kr.hiway.consent.model.ConsentStatus;
import kr.hiway.consent.model.ConsentTerms;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.model.TimeRange;
import kr.hiway.vocabulary.RecordType;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What {@link ConsentStore} promises, run against each database ({@code ConsentStorePostgresTest},
 * {@code ConsentStoreH2Test}). Every test makes its own patient, so tests share a database safely.
 */
abstract class ConsentStoreContract {

  static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
  static final String RECIPIENT = "hanbit-insurance";
  static final ConsentFhir FHIR = new ConsentFhir(FhirContext.forR4Cached());

  final TestClock clock = new TestClock(NOW);
  ConsentStore store;
  String patient;

  abstract DataSource dataSource();

  static void migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  @BeforeEach
  void store() {
    store = new ConsentStore(dataSource(), FHIR, clock);
    patient = "pt-" + Long.toHexString(System.nanoTime());
  }

  @Test
  void createWhenGrantThenVersionOneActiveWithRandomId() {
    ConsentTerms a = store.create(grant());
    ConsentTerms b = store.create(grant());

    assertThat(a.version()).isEqualTo(1);
    assertThat(a.status()).isEqualTo(ConsentStatus.ACTIVE);
    assertThat(a.createdAt()).isEqualTo(NOW);
    assertThat(a.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(b.id()).isNotEqualTo(a.id());
  }

  @Test
  void readWhenCreatedThenSameTerms() {
    ConsentTerms created = store.create(grant());

    assertThat(store.read(created.id())).contains(created);
    assertThat(store.read("no-such-consent")).isEmpty();
  }

  @Test
  void listByPatientWhenRevokedOneThenCurrentVersionsAndStatusFilter() {
    ConsentTerms first = store.create(grant());
    clock.advance(60);
    ConsentTerms second = store.create(grant());
    clock.advance(60);
    ConsentTerms revoked = store.revoke(first.id(), patient);

    assertThat(store.listByPatient(patient)).containsExactly(revoked, second);
    assertThat(store.listByPatient(patient, ConsentStatus.ACTIVE)).containsExactly(second);
    assertThat(store.listByPatient(patient, ConsentStatus.INACTIVE)).containsExactly(revoked);
    assertThat(store.listByPatient("pt-nobody")).isEmpty();
  }

  @Test
  void revokeWhenActiveThenNewInactiveVersionAndHistoryKept() {
    ConsentTerms v1 = store.create(grant());
    String v1Json = json(v1.id(), 1);
    clock.advance(3600);

    ConsentTerms v2 = store.revoke(v1.id(), patient);

    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.status()).isEqualTo(ConsentStatus.INACTIVE);
    assertThat(v2.createdAt()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(v2.grant()).isEqualTo(v1.grant());
    assertThat(store.read(v1.id())).contains(v2);
    assertThat(store.history(v1.id())).containsExactly(v1, v2);
    assertThat(store.readVersion(v1.id(), 1)).contains(v1);
    assertThat(json(v1.id(), 1)).isEqualTo(v1Json);
  }

  @Test
  void revokeWhenAlreadyInactiveThenNothingWritten() {
    ConsentTerms v1 = store.create(grant());
    ConsentTerms v2 = store.revoke(v1.id(), patient);
    clock.advance(60);

    ConsentTerms again = store.revoke(v1.id(), patient);

    assertThat(again).isEqualTo(v2);
    assertThat(store.history(v1.id())).hasSize(2);
  }

  @Test
  void revokeWhenCallbackThenRunOnceWithTheNewVersionAndItsFailureUndoesTheRevocation() {
    ConsentTerms v1 = store.create(grant());
    java.util.List<ConsentTerms> told = new java.util.ArrayList<>();

    assertThatThrownBy(() ->
            store.revoke(
                v1.id(),
                patient,
                revoked -> {
                  throw new IllegalStateException("the ledger is down");
                }))
        .hasMessage("the ledger is down");
    assertThat(store.read(v1.id())).contains(v1);

    ConsentTerms v2 = store.revoke(v1.id(), patient, told::add);
    store.revoke(v1.id(), patient, told::add);

    assertThat(told).containsExactly(v2);
  }

  @Test
  void revokeWhenAnotherPatientsConsentThenNotFoundAndNothingWritten() {
    ConsentTerms v1 = store.create(grant());

    assertThatThrownBy(() -> store.revoke(v1.id(), "pt-intruder"))
        .isInstanceOf(ConsentNotFoundException.class);
    assertThatThrownBy(() -> store.revoke("no-such-consent", patient))
        .isInstanceOf(ConsentNotFoundException.class);
    assertThat(store.history(v1.id())).containsExactly(v1);
  }

  @Test
  void activeForWhenOtherRecipientExpiredNotYetValidOrRevokedThenOnlyTheOneInForce() {
    ConsentTerms inForce = store.create(grant());
    store.create(grant("other-app", TimeRange.ofFhir("2025-05-01", "2026-04-30")));
    ConsentTerms expired =
        store.create(grant(RECIPIENT, TimeRange.ofFhir("2024-01-01", "2025-05-31")));
    ConsentTerms later =
        store.create(grant(RECIPIENT, TimeRange.ofFhir("2025-07-01", "2026-06-30")));
    ConsentTerms revoked = store.create(grant());
    store.revoke(revoked.id(), patient);

    assertThat(store.activeFor(patient, RECIPIENT, NOW)).containsExactly(inForce);
    assertThat(store.activeFor(patient, RECIPIENT, Instant.parse("2025-05-31T14:59:59Z")))
        .containsExactlyInAnyOrder(inForce, expired);
    assertThat(store.activeFor(patient, RECIPIENT, Instant.parse("2026-04-30T15:00:00Z")))
        .containsExactly(later);
  }

  @Test
  void decideWhenRevokedThenLaterRequestsDenyAndEarlierListUnaffected() {
    ConsentTerms consent = store.create(grant());
    Instant requestBefore = clock.advance(10);
    PreparedRequest before =
        prepare(store.activeFor(patient, RECIPIENT, requestBefore), requestBefore);

    clock.advance(10);
    store.revoke(consent.id(), patient);
    Instant requestAfter = clock.advance(10);
    PreparedRequest after =
        prepare(store.activeFor(patient, RECIPIENT, requestAfter), requestAfter);
    PreparedRequest afterFromList = prepare(store.listByPatient(patient), requestAfter);

    assertThat(decide(before).permitted()).isTrue();
    assertThat(decide(after).permitted()).isFalse();
    assertThat(decide(afterFromList).permitted()).isFalse();
    assertThat(decide(afterFromList).reason()).contains("consent " + consent.id() + " is inactive");
  }

  @Test
  void revokeWhenConcurrentThenOneNewVersionAndAllAgree() throws Exception {
    ConsentTerms v1 = store.create(grant());
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<ConsentTerms>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(() -> {
              start.await();
              return store.revoke(v1.id(), patient);
            }));
      }
      start.countDown();
      Set<Integer> versions = new java.util.HashSet<>();
      for (Future<ConsentTerms> f : results) {
        ConsentTerms t = f.get();
        assertThat(t.status()).isEqualTo(ConsentStatus.INACTIVE);
        versions.add(t.version());
      }
      assertThat(versions).containsExactly(2);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.history(v1.id())).extracting(ConsentTerms::version).containsExactly(1, 2);
  }

  @Test
  void readWhenRacingRevocationThenAlwaysACommittedVersion() throws Exception {
    ConsentTerms v1 = store.create(grant());
    AtomicBoolean revoked = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<ConsentTerms> seenAfterRevocation =
        java.util.Collections.synchronizedList(new ArrayList<>());
    Thread reader =
        new Thread(() -> {
          try {
            for (int i = 0; i < 100_000 && seenAfterRevocation.size() < 20; i++) {
              boolean committedBefore = revoked.get();
              ConsentTerms t = store.read(v1.id()).orElseThrow();
              assertThat(t.version()).isBetween(1, 2);
              assertThat(t.status())
                  .isEqualTo(t.version() == 1 ? ConsentStatus.ACTIVE : ConsentStatus.INACTIVE);
              if (committedBefore) {
                seenAfterRevocation.add(t);
              }
            }
          } catch (Throwable e) {
            failure.set(e);
          }
        });
    reader.start();
    store.revoke(v1.id(), patient);
    revoked.set(true);
    reader.join();

    assertThat(failure.get()).isNull();
    assertThat(seenAfterRevocation).isNotEmpty();
    // A read that started after the revocation committed never sees the active version.
    assertThat(seenAfterRevocation).allSatisfy(t -> assertThat(t.version()).isEqualTo(2));
  }

  @Test
  void insertWhenDuplicateVersionThenPrimaryKeyRefuses() {
    ConsentTerms v1 = store.create(grant());
    JdbcClient jdbc = JdbcClient.create(dataSource());

    assertThatThrownBy(() ->
            jdbc.sql(
                    "INSERT INTO consent_version (id, version, patient_id, recipient, status,"
                        + " valid_from, valid_to, created_at, fhir_json)"
                        + " SELECT id, version, patient_id, recipient, 'inactive', valid_from,"
                        + " valid_to, created_at, fhir_json FROM consent_version WHERE id = ?")
                .param(v1.id())
                .update())
        .isInstanceOf(DataAccessException.class);
    assertThat(store.history(v1.id())).containsExactly(v1);
  }

  @Test
  void insertWhenUnknownStatusThenCheckRefuses() {
    ConsentTerms v1 = store.create(grant());
    JdbcClient jdbc = JdbcClient.create(dataSource());

    assertThatThrownBy(() ->
            jdbc.sql(
                    "INSERT INTO consent_version (id, version, patient_id, recipient, status,"
                        + " valid_from, valid_to, created_at, fhir_json)"
                        + " SELECT id, 2, patient_id, recipient, 'revoked', valid_from,"
                        + " valid_to, created_at, fhir_json FROM consent_version WHERE id = ?")
                .param(v1.id())
                .update())
        .isInstanceOf(DataAccessException.class);
    assertThat(store.history(v1.id())).containsExactly(v1);
  }

  @Test
  void createWhenVersionRowFailsThenNothingIsWritten() {
    // A recipient longer than the column fails the second insert; the first must roll back too.
    ConsentGrant tooLong = grant("x".repeat(65), TimeRange.ofFhir("2025-05-01", "2026-04-30"));

    assertThatThrownBy(() -> store.create(tooLong)).isInstanceOf(DataAccessException.class);
    assertThat(store.listByPatient(patient)).isEmpty();
    assertThat(
            JdbcClient.create(dataSource())
                .sql("SELECT COUNT(*) FROM consent WHERE patient_id = ?")
                .param(patient)
                .query(Long.class)
                .single())
        .isZero();
  }

  ConsentGrant grant() {
    return grant(RECIPIENT, TimeRange.ofFhir("2025-05-01", "2026-04-30"));
  }

  ConsentGrant grant(String recipient, TimeRange validity) {
    ConsentGrant g = FHIR.parseSubmitted(fixture(), NOW);
    return new ConsentGrant(
        patient,
        recipient,
        g.purposes(),
        g.resourceTypes(),
        g.custodians(),
        g.dataPeriod(),
        validity,
        g.sensitiveClassesAllowed());
  }

  private PreparedRequest prepare(List<ConsentTerms> consents, Instant at) {
    return ConsentDecider.prepare(
        new Requester.ThirdParty(RECIPIENT), PurposeOfUse.HPAYMT, patient, consents, at);
  }

  private static Decision decide(PreparedRequest p) {
    return p.decide(RecordType.CONDITION, "snuh", Instant.parse("2023-03-04T01:00:00Z"), Set.of());
  }

  private String json(String id, int version) {
    return JdbcClient.create(dataSource())
        .sql("SELECT fhir_json FROM consent_version WHERE id = ? AND version = ?")
        .params(id, version)
        .query(String.class)
        .single();
  }

  private static String fixture() {
    try (InputStream in =
        ConsentStoreContract.class.getResourceAsStream(
            "/consent/valid/insurer-two-hospitals-mental-health.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A clock the test moves forward by hand. */
  static final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    TestClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    Instant advance(long seconds) {
      return now.updateAndGet(t -> t.plusSeconds(seconds));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
