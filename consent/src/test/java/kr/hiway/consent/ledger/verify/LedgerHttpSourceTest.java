package kr.hiway.consent.ledger.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import kr.hiway.consent.ledger.CanonicalJson;
import kr.hiway.consent.ledger.CheckpointSigner;
import kr.hiway.consent.ledger.Checkpointer;
import kr.hiway.consent.ledger.ConsistencyProof;
import kr.hiway.consent.ledger.InMemoryLedgerStore;
import kr.hiway.consent.ledger.InclusionProof;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.LedgerTestData;
import kr.hiway.consent.ledger.LogEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP source and the command line against a loopback server that implements the endpoints
 * documented on {@link HttpLedgerSource}, backed by a ledger in memory.
 */
class LedgerHttpSourceTest {

  private static final String ORIGIN = "hiway.test/http";
  private static final CheckpointSigner SIGNER = CheckpointSigner.generate(ORIGIN);

  private HttpServer server;
  private volatile Ledger ledger;
  private volatile Checkpointer checkpointer;
  private URI base;

  @BeforeEach
  void start() throws IOException {
    serve(new Ledger(new InMemoryLedgerStore()));
    ledger.appendAll(IntStream.range(0, 40).mapToObj(LedgerTestData::entry).toList());
    checkpointer.issue();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/ledger/", this::handle);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ledger");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void serve(Ledger l) {
    ledger = l;
    checkpointer = new Checkpointer(l, SIGNER, ORIGIN, Clock.systemUTC());
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath().substring("/ledger".length());
    Map<String, String> q = query(x.getRequestURI().getRawQuery());
    byte[] body;
    String type = "application/json";
    try {
      switch (path) {
        case "/checkpoint" -> {
          body = ledger.store().latestCheckpoint().orElseThrow().note().getBytes(UTF_8);
          type = "text/plain; charset=utf-8";
        }
        case "/entries" -> {
          List<Object> out = new java.util.ArrayList<>();
          for (LogEntry e :
              ledger.entries(Long.parseLong(q.get("start")), Long.parseLong(q.get("end")))) {
            out.add(
                Map.of("index", e.index(), "leafHash", b64(e.leafHash()), "data", b64(e.data())));
          }
          body = CanonicalJson.encode(out);
        }
        case "/proof/inclusion" -> {
          long size = Long.parseLong(q.get("treeSize"));
          InclusionProof p =
              q.containsKey("index")
                  ? ledger.inclusionProof(Long.parseLong(q.get("index")), size)
                  : ledger
                      .inclusionProofByLeafHash(
                          Base64.getUrlDecoder().decode(q.get("leafHash")), size)
                      .orElseThrow();
          body =
              CanonicalJson.encode(
                  Map.of(
                      "leafIndex", p.leafIndex(), "treeSize", p.treeSize(), "path", b64(p.path())));
        }
        case "/proof/consistency" -> {
          ConsistencyProof p =
              ledger.consistencyProof(
                  Long.parseLong(q.get("first")), Long.parseLong(q.get("second")));
          body =
              CanonicalJson.encode(
                  Map.of("first", p.first(), "second", p.second(), "path", b64(p.path())));
        }
        default -> throw new IllegalArgumentException("no such endpoint " + path);
      }
    } catch (RuntimeException e) {
      byte[] msg = String.valueOf(e.getMessage()).getBytes(UTF_8);
      x.sendResponseHeaders(404, msg.length);
      x.getResponseBody().write(msg);
      x.close();
      return;
    }
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(200, body.length);
    x.getResponseBody().write(body);
    x.close();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw != null) {
      for (String kv : raw.split("&")) {
        String[] p = kv.split("=", 2);
        q.put(p[0], java.net.URLDecoder.decode(p[1], UTF_8));
      }
    }
    return q;
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static List<String> b64(List<byte[]> path) {
    return path.stream().map(LedgerHttpSourceTest::b64).toList();
  }

  private HttpLedgerSource source() {
    return new HttpLedgerSource(HttpClient.newHttpClient(), base, Duration.ofSeconds(5));
  }

  @Test
  void httpSourceWhenServedPerContractThenSameAnswersAsLocal() throws IOException {
    LocalLedgerSource local = new LocalLedgerSource(ledger);
    HttpLedgerSource http = source();
    assertThat(http.latestCheckpoint()).isEqualTo(local.latestCheckpoint());
    assertThat(http.entries(3, 9)).isEqualTo(local.entries(3, 9));
    assertThat(http.inclusionProof(13, 40)).isEqualTo(local.inclusionProof(13, 40));
    byte[] hash = ledger.entries(21, 22).get(0).leafHash();
    assertThat(http.inclusionProof(hash, 40)).isEqualTo(local.inclusionProof(21, 40));
    assertThat(http.consistencyProof(7, 40)).isEqualTo(local.consistencyProof(7, 40));
  }

  @Test
  void mainWhenRunTwiceThenKeepsStateAndCatchesForkWithoutOverwritingEvidence(@TempDir Path dir)
      throws IOException {
    Path state = dir.resolve("checkpoint.note");
    String[] args = {
      "--url",
      base.toString(),
      "--key",
      SIGNER.verifierKey(),
      "--state",
      state.toString(),
      "--sample",
      "5"
    };
    assertThat(run(args)).startsWith("0\n").contains("VERIFIED");
    String first = Files.readString(state);
    assertThat(first).contains("\n40\n");

    ledger.appendAll(IntStream.range(40, 55).mapToObj(LedgerTestData::entry).toList());
    checkpointer.issue();
    assertThat(run(args))
        .startsWith("0\n")
        .contains("checkpoint 55 is consistent with earlier checkpoint 40");
    String second = Files.readString(state);
    assertThat(second).contains("\n55\n");

    // The server now serves another history, signed with the same key.
    serve(new Ledger(new InMemoryLedgerStore()));
    ledger.appendAll(IntStream.range(100, 160).mapToObj(LedgerTestData::entry).toList());
    checkpointer.issue();
    assertThat(run(args))
        .startsWith("1\n")
        .contains("FAIL checkpoint 60 is not consistent with earlier checkpoint 55");
    assertThat(Files.readString(state)).isEqualTo(second);
  }

  @Test
  void mainWhenServerDownThenFailsClearly() {
    server.stop(0);
    String out =
        run(
            new String[] {
              "--url", base.toString(), "--key", SIGNER.verifierKey(), "--timeout", "2"
            });
    assertThat(out).startsWith("1\n").contains("FAIL could not fetch the checkpoint");
  }

  @Test
  void mainWhenKeyMissingThenUsage() {
    assertThat(run(new String[] {"--url", base.toString()})).startsWith("2\n").contains("usage:");
  }

  private static String run(String[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, UTF_8);
    int status = VerifierCli.run(args, ps, ps);
    return status + "\n" + out.toString(UTF_8);
  }
}
