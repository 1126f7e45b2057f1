package kr.hiway.consent.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Shared test data: resources, hex, and sample entries. */
public final class LedgerTestData {

  public static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  private LedgerTestData() {}

  public static byte[] resource(String path) {
    try (InputStream in = LedgerTestData.class.getResourceAsStream("/ledger/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource ledger/" + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> json(String path) {
    return (Map<String, Object>) CanonicalJson.parse(resource(path));
  }

  public static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @SuppressWarnings("unchecked")
  public static List<byte[]> hexList(Object list) {
    List<byte[]> out = new ArrayList<>();
    for (Object o : (List<Object>) list) {
      out.add(hex((String) o));
    }
    return out;
  }

  /** A distinct, realistic entry for index {@code i}. */
  public static LedgerEntry entry(int i) {
    Instant t = T0.plusSeconds(i);
    return switch (i % 5) {
      case 0 ->
          new ConsentGranted(
              "consent-" + i,
              "pz-" + i,
              "org:clinic-" + (i % 7),
              List.of("TREAT"),
              List.of("Observation", "Condition"),
              List.of("H0" + (i % 9)),
              t,
              t.plusSeconds(86_400L * 365),
              t);
      case 1 -> new ConsentRevoked("consent-" + (i - 1), "pz-" + (i - 1), t);
      case 2 -> new ConsentExpired("consent-" + i, "pz-" + i, t);
      case 3 ->
          new Disclosure(
              "consent-" + i,
              "pz-" + i,
              "org:insurer-" + (i % 3),
              "claims",
              List.of("MedicationRequest"),
              List.of("H01", "H02"),
              t);
      default ->
          new Reidentification("regulator:kim", "regulator", "audit case " + i, "pz-" + i, t);
    };
  }

  public static List<byte[]> entryData(int count) {
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(entry(i).canonicalJson());
    }
    return out;
  }

  public static List<byte[]> leafHashes(List<byte[]> data) {
    return data.stream().map(Hashes::leaf).toList();
  }
}
