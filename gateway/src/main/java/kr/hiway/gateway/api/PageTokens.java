package kr.hiway.gateway.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.release.Continuation;
import kr.hiway.gateway.release.PagedQuery;
import kr.hiway.vocabulary.ErrorCode;

/**
 * Paging tokens: a query, the client it was issued to and an expiry, sealed with AES-256-GCM. The
 * token is opaque to the client (it shows neither the patient nor the query) and cannot be forged
 * or altered; the gateway keeps no paging state, so any instance holding the key serves any page.
 * Thread-safe.
 */
final class PageTokens {

  /**
   * What a token carries.
   *
   * @param continuation where the page it opens starts, or null for a token of the query alone
   */
  record Sealed(
      PagedQuery query, String clientId, long expiresAtEpochSecond, Continuation continuation) {

    Sealed(PagedQuery query, String clientId, long expiresAtEpochSecond) {
      this(query, clientId, expiresAtEpochSecond, null);
    }
  }

  private static final int NONCE_BYTES = 12;

  /** The key that seals, then keys retired from sealing that still open links. */
  private final List<SecretKeySpec> keys;

  private final Duration ttl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  PageTokens(byte[] key, Duration ttl, Clock clock) {
    this(List.of(key), ttl, clock);
  }

  /** Seals with the first of {@code keys}; opens with any of them (keys rotate). */
  PageTokens(List<byte[]> keys, Duration ttl, Clock clock) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no paging key");
    }
    List<SecretKeySpec> specs = new ArrayList<>();
    for (byte[] key : keys) {
      if (key.length != 32) {
        throw new IllegalArgumentException("a paging key has 32 bytes");
      }
      specs.add(new SecretKeySpec(key, "AES"));
    }
    this.keys = List.copyOf(specs);
    this.ttl = ttl;
    this.clock = clock;
  }

  String seal(PagedQuery query, String clientId) {
    return seal(query, null, clientId);
  }

  /** A token of {@code query} and where its next page starts ({@code continuation}, or null). */
  String seal(PagedQuery query, Continuation continuation, String clientId) {
    long expires = clock.instant().plus(ttl).getEpochSecond();
    byte[] plain = encode(new Sealed(query, clientId, expires, continuation));
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(0), new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * Opens a token; refuses one that was altered or forged (400) or has expired (410). Whether it
   * belongs to the caller is the caller's check.
   */
  Sealed open(String token) {
    byte[] plain;
    try {
      byte[] in = Base64.getUrlDecoder().decode(token);
      if (in.length <= NONCE_BYTES) {
        throw new IllegalArgumentException("short");
      }
      // Only the one encoding the gateway writes: the last character's spare bits or padding
      // would otherwise let several strings stand for one token.
      if (!Base64.getUrlEncoder().withoutPadding().encodeToString(in).equals(token)) {
        throw new IllegalArgumentException("not canonical");
      }
      plain = openWithAnyKey(in);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new GatewayException(ErrorCode.INVALID_PARAMETER, "The paging link is not valid.");
    }
    Sealed sealed = decode(plain);
    if (clock.instant().getEpochSecond() > sealed.expiresAtEpochSecond()) {
      throw new GatewayException(
          ErrorCode.PAGE_EXPIRED, "The paging link has expired; search again.");
    }
    return sealed;
  }

  /** GCM's tag tells the key: only the one that sealed it opens a token. */
  private byte[] openWithAnyKey(byte[] in) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (SecretKeySpec key : keys) {
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
        return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      } catch (javax.crypto.AEADBadTagException e) {
        last = e;
      }
    }
    throw last;
  }

  private static byte[] encode(Sealed s) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes)) {
      PagedQuery q = s.query();
      out.writeUTF(q.kind().name());
      out.writeUTF(q.patientId());
      writeList(out, q.types());
      out.writeBoolean(q.since() != null);
      if (q.since() != null) {
        out.writeUTF(q.since());
      }
      out.writeBoolean(q.withPatient());
      out.writeInt(q.params().size());
      for (Map.Entry<String, List<String>> e : q.params().entrySet()) {
        out.writeUTF(e.getKey());
        writeList(out, e.getValue());
      }
      writeList(out, List.copyOf(q.sources()));
      out.writeUTF(s.clientId());
      out.writeLong(s.expiresAtEpochSecond());
      writeContinuation(out, s.continuation());
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Sealed decode(byte[] plain) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
      PagedQuery.Kind kind = PagedQuery.Kind.valueOf(in.readUTF());
      String patientId = in.readUTF();
      List<String> types = readList(in);
      String since = in.readBoolean() ? in.readUTF() : null;
      boolean withPatient = in.readBoolean();
      int n = in.readInt();
      Map<String, List<String>> params = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        params.put(in.readUTF(), readList(in));
      }
      Set<String> sources = new HashSet<>(readList(in));
      String clientId = in.readUTF();
      long expires = in.readLong();
      Continuation continuation = readContinuation(in);
      return new Sealed(
          new PagedQuery(kind, patientId, types, since, withPatient, params, sources),
          clientId,
          expires,
          continuation);
    } catch (IOException | IllegalArgumentException e) {
      // Only a token this class sealed gets here, so this means a key or format change.
      throw new GatewayException(ErrorCode.INVALID_PARAMETER, "The paging link is not valid.");
    }
  }

  private static void writeContinuation(DataOutputStream out, Continuation c) throws IOException {
    out.writeBoolean(c != null);
    if (c == null) {
      return;
    }
    out.writeInt(c.pageSize());
    out.writeInt(c.total() == null ? -1 : c.total());
    out.writeInt(c.positions().size());
    for (Continuation.Position p : c.positions()) {
      out.writeUTF(p.hospital());
      out.writeInt(p.total());
      out.writeInt(p.consumed());
    }
  }

  private static Continuation readContinuation(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    int pageSize = in.readInt();
    int total = in.readInt();
    int n = in.readInt();
    List<Continuation.Position> positions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      positions.add(new Continuation.Position(in.readUTF(), in.readInt(), in.readInt()));
    }
    return new Continuation(pageSize, total < 0 ? null : total, positions);
  }

  private static void writeList(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String v : values) {
      out.writeUTF(v);
    }
  }

  private static List<String> readList(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(in.readUTF());
    }
    return values;
  }
}
