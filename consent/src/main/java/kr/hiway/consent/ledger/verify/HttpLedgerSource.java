package kr.hiway.consent.ledger.verify;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import kr.hiway.consent.ledger.CanonicalJson;
import kr.hiway.consent.ledger.ConsistencyProof;
import kr.hiway.consent.ledger.InclusionProof;
import kr.hiway.consent.ledger.LogEntry;

/**
 * A {@link LedgerSource} over the gateway's ledger HTTP API. The gateway must serve exactly these
 * endpoints under one base URL (all GET, UTF-8, errors as non-200 statuses):
 *
 * <ul>
 *   <li>{@code {base}/checkpoint} — {@code text/plain}: the latest signed checkpoint note, as
 *       {@code SignedCheckpoint.note()}.
 *   <li>{@code {base}/entries?start=S&end=E} — {@code application/json}: entries with indexes in
 *       {@code [S, E)}, at most 1000, in index order: {@code [{"index": 17, "leafHash": "<base64>",
 *       "data": "<base64 of the canonical JSON leaf data>"}, ...]}.
 *   <li>{@code {base}/proof/inclusion?index=I&treeSize=N} — {@code application/json}: {@code
 *       {"leafIndex": I, "treeSize": N, "path": ["<base64>", ...]}}, the audit path bottom first.
 *   <li>{@code {base}/proof/inclusion?leafHash=<base64url, no padding>&treeSize=N} — the same, for
 *       the first entry with that leaf hash; 404 if there is none.
 *   <li>{@code {base}/proof/consistency?first=M&second=N} — {@code application/json}: {@code
 *       {"first": M, "second": N, "path": ["<base64>", ...]}}.
 * </ul>
 *
 * <p>Hashes in JSON are standard base64 with padding (RFC 4648 §4), like the checkpoint's root.
 * Thread-safe. Arguments must not be null.
 */
public final class HttpLedgerSource implements LedgerSource {

  private final HttpClient http;
  private final String base;
  private final Duration timeout;
  private final String bearerToken;

  /** A source for the API at {@code baseUrl} (e.g. {@code https://gw.example.kr/ledger}). */
  public HttpLedgerSource(HttpClient http, URI baseUrl, Duration timeout) {
    this(http, baseUrl, timeout, null);
  }

  /**
   * A source that sends {@code bearerToken} (an OAuth access token of the regulator role; null for
   * none) with every request: the gateway serves entries and proofs to regulators only.
   */
  public HttpLedgerSource(HttpClient http, URI baseUrl, Duration timeout, String bearerToken) {
    this.http = http;
    String b = baseUrl.toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.timeout = timeout;
    this.bearerToken = bearerToken;
  }

  @Override
  public String latestCheckpoint() throws IOException {
    return new String(get("/checkpoint"), StandardCharsets.UTF_8);
  }

  @Override
  public List<LogEntry> entries(long start, long end) throws IOException {
    if (!(json(get("/entries?start=" + start + "&end=" + end)) instanceof List<?> list)) {
      throw new IOException("entries: expected a JSON array");
    }
    List<LogEntry> out = new ArrayList<>(list.size());
    for (Object o : list) {
      Map<?, ?> m = object(o, "entry");
      out.add(new LogEntry(number(m, "index"), base64(m.get("leafHash")), base64(m.get("data"))));
    }
    return out;
  }

  @Override
  public InclusionProof inclusionProof(long index, long treeSize) throws IOException {
    return inclusion(get("/proof/inclusion?index=" + index + "&treeSize=" + treeSize));
  }

  @Override
  public InclusionProof inclusionProof(byte[] leafHash, long treeSize) throws IOException {
    String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(leafHash);
    return inclusion(
        get(
            "/proof/inclusion?leafHash="
                + URLEncoder.encode(hash, StandardCharsets.UTF_8)
                + "&treeSize="
                + treeSize));
  }

  @Override
  public ConsistencyProof consistencyProof(long first, long second) throws IOException {
    Map<?, ?> m =
        object(json(get("/proof/consistency?first=" + first + "&second=" + second)), "proof");
    try {
      return new ConsistencyProof(number(m, "first"), number(m, "second"), path(m));
    } catch (IllegalArgumentException e) {
      throw new IOException("consistency proof: " + e.getMessage(), e);
    }
  }

  private InclusionProof inclusion(byte[] body) throws IOException {
    Map<?, ?> m = object(json(body), "proof");
    try {
      return new InclusionProof(number(m, "leafIndex"), number(m, "treeSize"), path(m));
    } catch (IllegalArgumentException e) {
      throw new IOException("inclusion proof: " + e.getMessage(), e);
    }
  }

  private byte[] get(String pathAndQuery) throws IOException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout).GET();
    if (bearerToken != null) {
      builder.header("Authorization", "Bearer " + bearerToken);
    }
    HttpRequest request = builder.build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: GET " + request.uri(), e);
    }
    if (response.statusCode() != 200) {
      String body = new String(response.body(), StandardCharsets.UTF_8);
      throw new IOException(
          "GET "
              + request.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + body.substring(0, Math.min(200, body.length())));
    }
    return response.body();
  }

  private static Object json(byte[] body) throws IOException {
    try {
      return CanonicalJson.parse(body);
    } catch (IllegalArgumentException e) {
      throw new IOException("response is not JSON the verifier reads: " + e.getMessage(), e);
    }
  }

  private static Map<?, ?> object(Object o, String what) throws IOException {
    if (o instanceof Map<?, ?> m) {
      return m;
    }
    throw new IOException(what + ": expected a JSON object");
  }

  private static long number(Map<?, ?> m, String key) throws IOException {
    if (m.get(key) instanceof Long l) {
      return l;
    }
    throw new IOException("expected an integer \"" + key + "\"");
  }

  private static List<byte[]> path(Map<?, ?> m) throws IOException {
    if (!(m.get("path") instanceof List<?> list)) {
      throw new IOException("expected an array \"path\"");
    }
    List<byte[]> out = new ArrayList<>(list.size());
    for (Object o : list) {
      out.add(base64(o));
    }
    return out;
  }

  private static byte[] base64(Object o) throws IOException {
    if (!(o instanceof String s)) {
      throw new IOException("expected a base64 string");
    }
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new IOException("not base64: " + s, e);
    }
  }
}
