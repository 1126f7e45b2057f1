package kr.hiway.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kr.hiway.consent.ledger.CheckpointSigner;
import kr.hiway.consent.ledger.ConsentExpired;
import kr.hiway.consent.ledger.CosignatureVerifier;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.NoteVerifier;
import kr.hiway.consent.testing.PostgresDatabase;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.testing.GatewayDatabase;
import kr.hiway.witness.WitnessMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ledger and two witness programs (their own keys and files, over HTTP): each checkpoint is
 * published only with both cosignatures, which verify with the witnesses' keys. Someone with write
 * access to the database who rewrites the log (entries changed, hashes and checkpoints recomputed)
 * or rolls it back is found out, by the gateway against the cosigned checkpoint, or, when that was
 * deleted too, by the witnesses: nothing is signed or published for it, the ledger takes no more
 * entries (503) and its health is DOWN with the evidence.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "hiway.demo.enabled=false",
      "hiway.ledger.checkpoint-interval=1h",
      "hiway.ledger.expiry-interval=1h"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerWitnessesPostgresTest {

  @RegisterExtension static PostgresDatabase db = new PostgresDatabase();
  static Path folder;

  static final CheckpointSigner LOG = CheckpointSigner.generate("hiway.test/witnessed-ledger");
  static final List<WitnessMain> WITNESSES = new ArrayList<>();

  @DynamicPropertySource
  static void setUp(DynamicPropertyRegistry registry) throws Exception {
    GatewayDatabase.register(db, registry);
    // Made here, not by @TempDir: the context (and these witnesses) start before it is injected.
    folder = java.nio.file.Files.createTempDirectory("hiway-witnesses");
    registry.add("hiway.ledger.signing-key", LOG::privateKey);
    registry.add(
        "hiway.security.jwks", () -> kr.hiway.gateway.testing.TestJwks.shared().toString());
    registry.add("hiway.ledger.origin", LOG::name);
    for (String w : List.of("w1", "w2")) {
      WitnessMain witness =
          WitnessMain.start(
              "witness.test/" + w,
              folder.resolve(w),
              List.of(LOG.verifierKey()),
              new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int i = WITNESSES.size();
      WITNESSES.add(witness);
      registry.add(
          "hiway.ledger.witnesses[" + i + "].url", () -> "http://127.0.0.1:" + witness.port());
      registry.add("hiway.ledger.witnesses[" + i + "].key", witness::verifierKey);
    }
    registry.add("hiway.ledger.witness-quorum", () -> "2");
  }

  @AfterAll
  static void stopWitnesses() throws Exception {
    WITNESSES.forEach(WitnessMain::close);
    try (var files = java.nio.file.Files.walk(folder)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.deleteIfExists(p);
      }
    }
  }

  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired kr.hiway.gateway.account.StaffAccounts staff;
  @Autowired Checkpoints checkpoints;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;

  void append(int n, String prefix) {
    for (int i = 0; i < n; i++) {
      ledger.append(new ConsentExpired(prefix + i, "ps-" + prefix + i, Instant.now()));
    }
  }

  static long size(String note) throws Exception {
    return NoteVerifier.of(LOG.verifierKey()).openCheckpoint(note).size();
  }

  @Test
  @Order(0)
  void checkpointWhenIssuedThenPublishedWithBothWitnessesCosignatures() throws Exception {
    append(12, "honest-a");
    checkpoints.issue();
    append(9, "honest-b");
    checkpoints.issue();
    String published = checkpoints.published().orElseThrow();
    assertThat(size(published)).isEqualTo(ledger.head().size());
    for (WitnessMain w : WITNESSES) {
      assertThat(CosignatureVerifier.of(w.verifierKey()).verify(published)).isPresent();
    }
    assertThat(checkpoints.lastRefusals()).isEmpty();
  }

  @Autowired LedgerIntegrity integrity;
  @Autowired FullAudit fullAudit;

  record Row(byte[] hash, byte[] data) {}

  Row row(long index) {
    return jdbc.sql("SELECT leaf_hash, leaf_data FROM ledger_leaf WHERE leaf_index = ?")
        .param(index)
        .query((rs, n) -> new Row(rs.getBytes(1), rs.getBytes(2)))
        .single();
  }

  void put(long index, Row r) {
    jdbc.sql("UPDATE ledger_leaf SET leaf_hash = ?, leaf_data = ? WHERE leaf_index = ?")
        .params(r.hash(), r.data(), index)
        .update();
  }

  List<String> findings(FullAudit.Report report) {
    return report.problems().stream()
        .map(p ->
            p.kind() + " " + p.index() + (p.lastIndex() != p.index() ? "-" + p.lastIndex() : ""))
        .toList();
  }

  @Test
  @Order(1)
  void fullAuditWhenEachTamperIsMadeThenItIsFoundAtItsIndexes() throws Exception {
    assertThat(fullAudit.run().intact()).isTrue();
    Row five = row(5);
    Row three = row(3);
    Row four = row(4);
    byte[] forged = "{\"forged\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    // An entry edited, its hash left: the entry itself.
    put(5, new Row(five.hash(), forged));
    FullAudit.Report edited = fullAudit.run();
    assertThat(edited.intact()).isFalse();
    assertThat(findings(edited)).contains("entry 5");
    assertThat(edited.problems().getFirst().storedHash())
        .isEqualTo(java.util.Base64.getEncoder().encodeToString(five.hash()));

    // Edited with its hash recomputed: the node above it, and the cosigned root.
    put(5, new Row(kr.hiway.consent.ledger.Hashes.leaf(forged), forged));
    FullAudit.Report recomputed = fullAudit.run();
    assertThat(findings(recomputed))
        .contains("node 4-5", "cosigned-root 0-" + (ledger.head().size() - 1));
    put(5, five);

    // Two entries swapped, hashes and all: the nodes over both places.
    put(3, four);
    put(4, three);
    assertThat(findings(fullAudit.run())).contains("node 2-3", "node 4-5");
    put(3, three);
    put(4, four);

    // One deleted: the missing position.
    Row seven = row(7);
    jdbc.sql("DELETE FROM ledger_leaf WHERE leaf_index = 7").update();
    assertThat(findings(fullAudit.run())).contains("missing 7");
    jdbc.sql("INSERT INTO ledger_leaf (leaf_index, leaf_hash, leaf_data) VALUES (7, ?, ?)")
        .params(kr.hiway.consent.ledger.Hashes.leaf("x".getBytes()), "x".getBytes())
        .update();
    assertThat(findings(fullAudit.run())).contains("node 6-7");
    put(7, seven);
    assertThat(fullAudit.run().intact()).isTrue();
  }

  @Test
  @Order(2)
  void rewriteWhenTheDatabaseIsRewrittenThenNothingIsSignedWritesStopAndHealthIsDown()
      throws Exception {
    long honest = size(checkpoints.published().orElseThrow());
    // A database administrator rebuilds the log with other entries, hashes recomputed, and
    // deletes the gateway's own checkpoints that would give it away.
    wipe();
    append((int) honest + 4, "forged-");

    assertThatThrownBy(() -> checkpoints.issue())
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("integrity");
    assertThat(size(checkpoints.published().orElseThrow())).isEqualTo(honest);
    assertThat(integrity.broken()).isPresent();
    assertThat(integrity.broken().get().reason()).contains("rewritten");
    assertThat(integrity.health().getStatus().getCode()).isEqualTo("DOWN");
    assertThat(integrity.health().getDetails()).containsEntry("cosignedSize", honest);
    // Over HTTP: a regulator's checkpoint on demand is refused, and the health says DOWN.
    kr.hiway.gateway.testing.GatewayHttp.Answer onDemand =
        http("POST", "/ledger/checkpoint", regulator());
    assertThat(onDemand.status()).isEqualTo(503);
    assertThat(onDemand.errorCode()).isEqualTo("HIW-G027");
    java.net.http.HttpResponse<String> health;
    try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
      health =
          client.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create("http://localhost:" + port + "/actuator/health"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
    }
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).contains("DOWN");
    // No record, no release: the ledger takes no entry while it is broken.
    assertThatThrownBy(() -> append(1, "more-"))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.getStatusCode()).isEqualTo(503));
  }

  @Test
  @Order(3)
  void rewriteWhenTheCosignedCheckpointsAreDeletedTooThenTheWitnessesRefuseIt() throws Exception {
    // Whoever rewrote the log also deletes what the gateway kept of the witnesses' word: only
    // the witnesses, in their own files, still know.
    jdbc.sql("DELETE FROM ledger_cosigned").update();
    checkpoints.verify();
    assertThat(integrity.broken()).isEmpty();
    checkpoints.issue();

    assertThat(checkpoints.published()).isEmpty();
    // Nothing cosigned to publish: the public checkpoint is refused, not a lone signature.
    kr.hiway.gateway.testing.GatewayHttp.Answer none = http("GET", "/ledger/checkpoint", null);
    assertThat(none.status()).isEqualTo(503);
    assertThat(none.errorCode()).isEqualTo("HIW-G017");
    assertThat(checkpoints.lastRefusals()).hasSize(2);
    assertThat(String.join(" ", checkpoints.lastRefusals())).contains("422");
    assertThat(integrity.broken()).isPresent();
    assertThat(integrity.broken().get().reason()).contains("witnesses refuse");
  }

  @Test
  @Order(4)
  void rollbackWhenTheDatabaseGoesBackThenTheWitnessesRefuseItAndWritesStop() throws Exception {
    jdbc.sql("DELETE FROM ledger_cosigned").update();
    checkpoints.verify();
    wipe();
    append(3, "old-");
    checkpoints.issue();
    assertThat(checkpoints.published()).isEmpty();
    assertThat(String.join(" ", checkpoints.lastRefusals())).contains("larger");
    assertThat(integrity.broken()).isPresent();
  }

  @Test
  @Order(5)
  void originWhenAnInstanceIsConfiguredWithAnotherThenItDoesNotStart() {
    List<String> args =
        List.of(
            "--server.port=0",
            "--spring.datasource.url=" + db.jdbcUrl(),
            "--spring.datasource.username=" + db.user(),
            "--spring.datasource.password=",
            "--hiway.demo.enabled=false",
            "--hiway.security.jwks=" + kr.hiway.gateway.testing.TestJwks.shared(),
            "--hiway.ledger.signing-key=" + LOG.privateKey(),
            "--hiway.ledger.origin=another.example/consent-ledger");
    assertThatThrownBy(() ->
            new org.springframework.boot.builder.SpringApplicationBuilder(
                    kr.hiway.gateway.GatewayApplication.class)
                .run(args.toArray(String[]::new))
                .close())
        .hasStackTraceContaining("hiway.ledger.origin")
        .hasStackTraceContaining(LOG.name());
  }

  /** A regulator's token, through the console client's sign-in. */
  String regulator() throws Exception {
    staff.createIfAbsent(
        "witness-regulator", "witness-regulator", kr.hiway.gateway.account.StaffRole.REGULATOR);
    return new kr.hiway.gateway.testing.SmartLogin("http://localhost:" + port)
        .signIn("hiway-console", "witness-regulator", "witness-regulator", "openid regulator")
        .accessToken();
  }

  kr.hiway.gateway.testing.GatewayHttp.Answer http(String method, String path, String token)
      throws Exception {
    var api = new kr.hiway.gateway.testing.GatewayHttp("http://localhost:" + port);
    return method.equals("GET")
        ? api.get("http://localhost:" + port + path, token)
        : api.send(method, "http://localhost:" + port + path, token, "");
  }

  /** What someone with write access to the tables can do: start the log again. */
  void wipe() {
    jdbc.sql("DELETE FROM ledger_checkpoint").update();
    jdbc.sql("DELETE FROM ledger_node").update();
    jdbc.sql("DELETE FROM ledger_leaf").update();
    jdbc.sql("UPDATE ledger_head SET tree_size = 0, root_hash = NULL").update();
  }
}
