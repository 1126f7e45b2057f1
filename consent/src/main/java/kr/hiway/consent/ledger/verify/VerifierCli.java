package kr.hiway.consent.ledger.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kr.hiway.consent.ledger.Checkpoint;
import kr.hiway.consent.ledger.NoteVerificationException;
import kr.hiway.consent.ledger.NoteVerifier;

/**
 * The command line of {@link LedgerVerifier}:
 *
 * <pre>
 * LedgerVerifier --url BASE --key VERIFIER_KEY [--state FILE] [--witness KEY]... [--quorum N]
 *                [--check I,J,...] [--sample N] [--timeout SECONDS]
 * </pre>
 *
 * <p>The access token for the gateway's regulator API is read from the environment variable {@code
 * HIWAY_TOKEN} (never from the command line, where other users of the machine could see it);
 * without it, requests go unauthenticated.
 *
 * <p>{@code --state} names a file holding the last checkpoint this verifier accepted (a signed
 * note); the new checkpoint must be consistent with it, and replaces it only when every check
 * passed, so a failure keeps the evidence; beside it, {@code FILE.edge} keeps the tree's right
 * edge, so that the next run checks only what was appended since.
 *
 * <p>By default every entry since the last accepted checkpoint (all of them on a first run) is
 * fetched, hashed again and built into the tree, whose root must be the checkpoint's: a change,
 * swap, insertion or deletion anywhere fails the run. {@code --check} (inclusion proofs of the
 * listed entries) or {@code --sample N} (of N random ones and the newest) check fewer, only when
 * asked. {@code --witness} (repeatable) names a trusted witness's cosigner key; the checkpoint must
 * carry valid cosignatures of {@code --quorum} of them (all, by default). Exit status: 0 verified,
 * 1 a check failed, 2 bad usage or unreadable state.
 */
final class VerifierCli {

  private VerifierCli() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.getenv("HIWAY_TOKEN"), out, err);
  }

  static int run(String[] args, String token, PrintStream out, PrintStream err) {
    String url = null;
    String key = null;
    Path state = null;
    List<Long> check = new ArrayList<>();
    int sample = 0;
    List<String> witnesses = new ArrayList<>();
    Integer quorum = null;
    int timeout = 30;
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--url" -> url = value;
          case "--key" -> key = value;
          case "--state" -> state = Path.of(value);
          case "--check" -> {
            for (String s : value.split(",")) {
              check.add(Long.parseLong(s.trim()));
            }
          }
          case "--sample" -> sample = Integer.parseInt(value);
          case "--witness" -> witnesses.add(value);
          case "--quorum" -> quorum = Integer.parseInt(value);
          case "--timeout" -> timeout = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
        i++;
      }
      if (url == null || key == null) {
        throw new IllegalArgumentException("--url and --key are required");
      }
      NoteVerifier.of(key);
      for (String w : witnesses) {
        kr.hiway.consent.ledger.CosignatureVerifier.of(w);
      }
      if (quorum != null && (quorum < 0 || quorum > witnesses.size())) {
        throw new IllegalArgumentException(
            "--quorum must be between 0 and the number of --witness");
      }
    } catch (RuntimeException e) {
      err.println(
          "usage: LedgerVerifier --url BASE --key VERIFIER_KEY [--state FILE] [--witness KEY]..."
              + " [--quorum N] [--check I,J,...] [--sample N] [--timeout SECONDS]");
      err.println(e.getMessage());
      return 2;
    }
    Checkpoint previous = null;
    if (state != null && Files.exists(state)) {
      try {
        previous =
            NoteVerifier.of(key).openCheckpoint(Files.readString(state, StandardCharsets.UTF_8));
      } catch (IOException | NoteVerificationException e) {
        err.println(
            "state file "
                + state
                + " does not hold a checkpoint signed by the key: "
                + e.getMessage());
        return 2;
      }
    }
    LedgerSource source =
        new HttpLedgerSource(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeout)).build(),
            URI.create(url),
            Duration.ofSeconds(timeout),
            token);
    int samples = sample;
    Report report;
    List<byte[]> edge = null;
    if (check.isEmpty() && sample == 0) {
      List<byte[]> previousEdge = previous == null ? null : readEdge(state, previous.size());
      LedgerVerifier.Full full =
          LedgerVerifier.verifyAll(
              source,
              key,
              previous,
              previousEdge,
              witnesses,
              quorum == null ? witnesses.size() : quorum);
      report = full.report();
      edge = full.edge();
    } else {
      report =
          LedgerVerifier.verify(
              source, key, previous, size -> check.isEmpty() ? sample(size, samples) : check);
    }
    out.print(report.summary());
    if (!report.ok()) {
      return 1;
    }
    if (state != null) {
      try {
        Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
        Files.writeString(tmp, report.note(), StandardCharsets.UTF_8);
        Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path edgeFile = state.resolveSibling(state.getFileName() + ".edge");
        if (edge != null) {
          StringBuilder text =
              new StringBuilder().append(report.checkpoint().orElseThrow().size()).append('\n');
          for (byte[] h : edge) {
            text.append(java.util.Base64.getEncoder().encodeToString(h)).append('\n');
          }
          Path edgeTmp = state.resolveSibling(state.getFileName() + ".edge.tmp");
          Files.writeString(edgeTmp, text, StandardCharsets.UTF_8);
          Files.move(
              edgeTmp,
              edgeFile,
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } else {
          // A sampled run did not see every entry: the next full run starts from the first.
          Files.deleteIfExists(edgeFile);
        }
      } catch (IOException e) {
        err.println(
            "verified, but could not save the checkpoint to " + state + ": " + e.getMessage());
        return 2;
      }
    }
    return 0;
  }

  /** The edge saved with the state for a tree of {@code size}, or null to start from entry 0. */
  private static List<byte[]> readEdge(Path state, long size) {
    Path file = state.resolveSibling(state.getFileName() + ".edge");
    try {
      if (!Files.exists(file)) {
        return null;
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || Long.parseLong(lines.getFirst().strip()) != size) {
        return null;
      }
      List<byte[]> edge = new ArrayList<>();
      for (String l : lines.subList(1, lines.size())) {
        if (!l.isBlank()) {
          edge.add(java.util.Base64.getDecoder().decode(l.strip()));
        }
      }
      return edge;
    } catch (IOException | RuntimeException e) {
      return null; // then every entry is checked again
    }
  }

  private static Collection<Long> sample(long size, int count) {
    Set<Long> chosen = new LinkedHashSet<>();
    if (size == 0) {
      return chosen;
    }
    chosen.add(size - 1);
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < count; i++) {
      chosen.add(random.nextLong(size));
    }
    return chosen;
  }
}
