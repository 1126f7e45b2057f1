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
 * LedgerVerifier --url BASE --key VERIFIER_KEY [--state FILE] [--check I,J,...] [--sample N]
 *                [--timeout SECONDS]
 * </pre>
 *
 * <p>The access token for the gateway's regulator API is read from the environment variable {@code
 * HIWAY_TOKEN} (never from the command line, where other users of the machine could see it);
 * without it, requests go unauthenticated.
 *
 * <p>{@code --state} names a file holding the last checkpoint this verifier accepted (a signed
 * note); the new checkpoint must be consistent with it, and replaces it only when every check
 * passed, so a failure keeps the evidence. {@code --check} lists entries whose inclusion to check;
 * otherwise {@code --sample} random entries (default 8) and the newest one are checked. Exit
 * status: 0 verified, 1 a check failed, 2 bad usage or unreadable state.
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
    int sample = 8;
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
          case "--timeout" -> timeout = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
        i++;
      }
      if (url == null || key == null) {
        throw new IllegalArgumentException("--url and --key are required");
      }
      NoteVerifier.of(key);
    } catch (RuntimeException e) {
      err.println(
          "usage: LedgerVerifier --url BASE --key VERIFIER_KEY [--state FILE]"
              + " [--check I,J,...] [--sample N] [--timeout SECONDS]");
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
    Report report =
        LedgerVerifier.verify(
            source, key, previous, size -> check.isEmpty() ? sample(size, samples) : check);
    out.print(report.summary());
    if (!report.ok()) {
      return 1;
    }
    if (state != null) {
      try {
        Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
        Files.writeString(tmp, report.note(), StandardCharsets.UTF_8);
        Files.move(tmp, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        err.println(
            "verified, but could not save the checkpoint to " + state + ": " + e.getMessage());
        return 2;
      }
    }
    return 0;
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
