package kr.hiway.gateway.ledger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kr.hiway.consent.ledger.ConsistencyProof;
import kr.hiway.consent.ledger.CosignatureVerifier;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.NoteVerificationException;
import kr.hiway.consent.ledger.SignedCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The witnesses that cosign the ledger's checkpoints (C2SP tlog-witness): each new signed
 * checkpoint goes to every witness with a consistency proof from the size that witness last
 * cosigned; a witness that holds another size answers 409 with it, and is asked once more with a
 * proof from there. Only cosignatures that verify against the witness's configured key count. A
 * witness that holds a larger tree than the one offered (the database was rolled back) or refuses
 * the proof (it was rewritten) cosigns nothing, which is the point. Thread-safe.
 */
public final class Witnesses {

  private static final Logger log = LoggerFactory.getLogger(Witnesses.class);

  /** One witness: where it is and the key its cosignatures must verify with. */
  public record Target(URI url, CosignatureVerifier key) {}

  /**
   * The outcome of asking them: the cosignature lines got, why the others gave none, and which of
   * those refusals say the log is not consistent with what the witness cosigned before (rather than
   * that the witness could not be reached).
   */
  public record Outcome(
      List<String> cosignatures, List<String> refusals, List<String> inconsistent) {}

  private final List<Target> targets;
  private final Ledger ledger;
  private final int quorum;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  // The size each witness last cosigned, as this instance saw it: harmless when stale (another
  // instance's checkpoint moved it on), since the witness then answers 409 with its size.
  private final Map<URI, Long> lastSize = new ConcurrentHashMap<>();

  /** {@code quorum}: how many cosignatures make a checkpoint publishable. */
  public Witnesses(List<Target> targets, Ledger ledger, int quorum) {
    this.targets = List.copyOf(targets);
    this.ledger = ledger;
    this.quorum = quorum;
  }

  public List<Target> targets() {
    return targets;
  }

  /** Whether any witness is configured (else checkpoints are published on the log's key alone). */
  public boolean enabled() {
    return !targets.isEmpty();
  }

  public int quorum() {
    return quorum;
  }

  /** Asks every witness to cosign {@code signed}. */
  public Outcome cosign(SignedCheckpoint signed) {
    List<String> cosignatures = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    List<String> inconsistent = new ArrayList<>();
    for (Target t : targets) {
      try {
        String line = cosign(t, signed);
        cosignatures.add(line);
      } catch (Refused e) {
        String why = t.key().name() + ": " + e.getMessage();
        refusals.add(why);
        if (e.inconsistent) {
          inconsistent.add(why);
        }
      }
    }
    return new Outcome(cosignatures, refusals, inconsistent);
  }

  private static final class Refused extends Exception {
    final boolean inconsistent;

    Refused(String message) {
      this(message, false);
    }

    Refused(String message, boolean inconsistent) {
      super(message);
      this.inconsistent = inconsistent;
    }
  }

  private String cosign(Target t, SignedCheckpoint signed) throws Refused {
    long size = signed.checkpoint().size();
    long old = lastSize.getOrDefault(t.url(), 0L);
    for (int attempt = 0; attempt < 2; attempt++) {
      if (old > size) {
        // Another instance may have had a newer checkpoint cosigned meanwhile; but a witness that
        // vouches for more entries than the database holds at all saw a log since rolled back.
        long held = ledger.head().size();
        throw new Refused(
            "it cosigned a tree of "
                + old
                + " entries, larger than this one of "
                + size
                + (old > held ? " and than the whole ledger in the database (" + held + ")" : ""),
            old > held);
      }
      HttpResponse<String> r = submit(t, old, size, signed.note());
      if (r.statusCode() == 200) {
        lastSize.put(t.url(), size);
        return verified(t, signed.note(), r.body());
      }
      if (r.statusCode() == 409) {
        try {
          old = Long.parseLong(r.body().strip());
        } catch (NumberFormatException e) {
          throw new Refused("409 without a size");
        }
        lastSize.put(t.url(), old);
        continue;
      }
      // 422: the witness holds a tree this one does not extend (rewritten, forked).
      throw new Refused("HTTP " + r.statusCode() + " " + r.body().strip(), r.statusCode() == 422);
    }
    throw new Refused("its size kept changing");
  }

  private HttpResponse<String> submit(Target t, long old, long size, String note) throws Refused {
    StringBuilder body = new StringBuilder("old ").append(old).append('\n');
    if (old > 0 && old < size) {
      ConsistencyProof proof = ledger.consistencyProof(old, size);
      for (byte[] h : proof.path()) {
        body.append(Base64.getEncoder().encodeToString(h)).append('\n');
      }
    }
    body.append('\n').append(note);
    String prefix = t.url().toString();
    URI uri = URI.create((prefix.endsWith("/") ? prefix : prefix + "/") + "add-checkpoint");
    try {
      return http.send(
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(5))
              .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
              .build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new Refused("unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused("interrupted");
    }
  }

  /** The witness's cosignature line from its answer, once it verifies on this checkpoint. */
  private static String verified(Target t, String note, String answer) throws Refused {
    for (String line : answer.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        if (t.key().verify(note + line + "\n").isPresent()) {
          return line + "\n";
        }
      } catch (NoteVerificationException e) {
        log.warn("witness {} answered a cosignature that does not verify", t.key().name());
        throw new Refused("its cosignature does not verify");
      }
    }
    throw new Refused("no cosignature by its key");
  }
}
