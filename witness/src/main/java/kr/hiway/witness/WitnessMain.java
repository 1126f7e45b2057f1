package kr.hiway.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import kr.hiway.consent.ledger.Cosigner;
import kr.hiway.consent.ledger.NoteVerifier;

/**
 * The witness as a program:
 *
 * <pre>
 * java -jar witness/target/witness.jar --name witness.example/w1 --folder ./w1 \
 *     --listen 127.0.0.1:7001 --log 'hiway.kr/consent-ledger+1a2b3c4d+AQ...'
 * </pre>
 *
 * It keeps its key ({@code witness.key}, made at the first start, readable by its owner only) and
 * what it cosigned in {@code --folder}; it prints its verifier key, to configure in the gateway.
 * {@code POST /add-checkpoint} is C2SP tlog-witness; {@code GET /key} answers the verifier key.
 * {@code --log} may repeat: each is the verifier key of a log this witness follows (its origin is
 * the key's name). No other state, no database.
 */
public final class WitnessMain implements AutoCloseable {

  private static final int MAX_BODY = 64 * 1024;

  private final HttpServer server;
  private final Witness witness;

  private WitnessMain(HttpServer server, Witness witness) {
    this.server = server;
    this.witness = witness;
  }

  /**
   * Starts a witness named {@code name} in {@code folder} (its key made there if absent), following
   * the logs whose verifier keys are {@code logKeys}, listening on {@code address} (port 0: any).
   */
  public static WitnessMain start(
      String name, Path folder, List<String> logKeys, InetSocketAddress address)
      throws IOException {
    Files.createDirectories(folder);
    Cosigner key = key(name, folder.resolve("witness.key"));
    Map<String, NoteVerifier> logs = new LinkedHashMap<>();
    for (String k : logKeys) {
      NoteVerifier v = NoteVerifier.of(k);
      logs.put(v.name(), v);
    }
    Witness witness =
        new Witness(
            key,
            logs,
            new WitnessStore(folder.resolve("logs")),
            Clock.systemUTC(),
            folder.resolve("refused.log"));
    HttpServer server = HttpServer.create(address, 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    WitnessMain main = new WitnessMain(server, witness);
    server.createContext("/add-checkpoint", main::addCheckpoint);
    server.createContext("/key", main::key);
    server.start();
    return main;
  }

  private static Cosigner key(String name, Path file) throws IOException {
    if (Files.exists(file)) {
      Cosigner key = Cosigner.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (!key.name().equals(name)) {
        throw new IllegalArgumentException(
            file + " holds the key of " + key.name() + ", not of " + name);
      }
      return key;
    }
    Cosigner key = Cosigner.generate(name);
    Files.writeString(file, key.privateKey() + "\n", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the folder's own permissions protect it.
    }
    return key;
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Its cosigner's verifier key. */
  public String verifierKey() {
    return witness.verifierKey();
  }

  private void addCheckpoint(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, Witness.Answer.text(405, "POST only"));
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        send(exchange, Witness.Answer.text(413, "body too large"));
        return;
      }
      send(exchange, witness.addCheckpoint(new String(body, StandardCharsets.UTF_8)));
    }
  }

  private void key(HttpExchange exchange) throws IOException {
    try (exchange) {
      send(exchange, Witness.Answer.text(200, witness.verifierKey()));
    }
  }

  private static void send(HttpExchange exchange, Witness.Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  public static void main(String[] args) throws IOException {
    String name = null;
    Path folder = null;
    String listen = "127.0.0.1:7001";
    List<String> logs = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--name" -> name = args[i + 1];
        case "--folder" -> folder = Path.of(args[i + 1]);
        case "--listen" -> listen = args[i + 1];
        case "--log" -> logs.add(args[i + 1]);
        default -> usage("unknown option " + args[i]);
      }
    }
    if (name == null || folder == null || logs.isEmpty()) {
      usage("--name, --folder and at least one --log are required");
    }
    int colon = listen.lastIndexOf(':');
    WitnessMain w =
        start(
            name,
            folder,
            logs,
            new InetSocketAddress(
                listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1))));
    System.out.println("witness " + name + " listening on " + listen);
    System.out.println("verifier key: " + w.verifierKey());
  }

  private static void usage(String why) {
    System.err.println(why);
    System.err.println(
        "usage: witness --name <name> --folder <dir> [--listen host:port] --log <log vkey>...");
    System.exit(2);
  }
}
