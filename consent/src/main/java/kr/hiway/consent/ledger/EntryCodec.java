package kr.hiway.consent.ledger;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Field checks and decoding shared by the entry records. */
final class EntryCodec {

  private EntryCodec() {}

  static String text(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be null or blank");
    }
    return value;
  }

  static Instant instant(String name, Instant value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  static List<String> texts(String name, List<String> values) {
    if (values == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    for (String v : values) {
      text(name + " element", v);
    }
    return List.copyOf(values);
  }

  /** A JSON object with {@code type} and {@code time} first, then the given pairs. */
  static Map<String, Object> json(String type, Instant time, Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("time", time.toString());
    for (int i = 0; i < pairs.length; i += 2) {
      Object v = pairs[i + 1];
      m.put((String) pairs[i], v instanceof Instant t ? t.toString() : v);
    }
    return m;
  }

  static LedgerEntry decode(byte[] data) {
    if (!CanonicalJson.isCanonical(data)) {
      throw new IllegalArgumentException("leaf data is not canonical JSON");
    }
    if (!(CanonicalJson.parse(data) instanceof Map<?, ?> raw)) {
      throw new IllegalArgumentException("leaf data is not a JSON object");
    }
    Fields f = new Fields(raw);
    String type = f.string("type");
    Instant time = f.time("time");
    LedgerEntry entry =
        switch (type) {
          case ConsentGranted.TYPE ->
              new ConsentGranted(
                  f.string("consentId"),
                  f.string("patient"),
                  f.string("recipient"),
                  f.strings("purposes"),
                  f.strings("resourceTypes"),
                  f.strings("hospitalCodes"),
                  f.time("validFrom"),
                  f.time("expiresAt"),
                  time);
          case ConsentRevoked.TYPE ->
              new ConsentRevoked(f.string("consentId"), f.string("patient"), time);
          case ConsentExpired.TYPE ->
              new ConsentExpired(f.string("consentId"), f.string("patient"), time);
          case Disclosure.TYPE ->
              new Disclosure(
                  f.string("consentId"),
                  f.string("patient"),
                  f.string("recipient"),
                  f.string("purpose"),
                  f.strings("resourceTypes"),
                  f.strings("hospitalCodes"),
                  time);
          case Reidentification.TYPE ->
              new Reidentification(
                  f.string("actor"),
                  f.string("domain"),
                  f.string("reason"),
                  f.string("patient"),
                  f.optional("request"),
                  f.optional("requester"),
                  time);
          case ReidentificationRequested.TYPE ->
              new ReidentificationRequested(
                  f.string("actor"),
                  f.string("domain"),
                  f.string("reason"),
                  f.string("patient"),
                  f.string("request"),
                  f.optional("legalBasis"),
                  f.optional("legalReference"),
                  time);
          case CohortExported.TYPE ->
              new CohortExported(
                  f.string("recipient"),
                  f.string("job"),
                  f.string("risk"),
                  f.strings("resourceTypes"),
                  f.string("resources"),
                  f.optional("reviewer"),
                  time);
          default -> throw new IllegalArgumentException("unknown entry type " + type);
        };
    if (!entry.toJson().keySet().equals(raw.keySet())) {
      throw new IllegalArgumentException("unexpected fields in " + type + " entry");
    }
    return entry;
  }

  private record Fields(Map<?, ?> raw) {
    String string(String name) {
      if (!(raw.get(name) instanceof String s)) {
        throw new IllegalArgumentException("entry field " + name + " must be a string");
      }
      return s;
    }

    /** A string field that may be absent (entries made before it existed). */
    String optional(String name) {
      return raw.containsKey(name) ? string(name) : null;
    }

    Instant time(String name) {
      String s = string(name);
      try {
        Instant t = Instant.parse(s);
        if (!t.toString().equals(s)) {
          throw new IllegalArgumentException("entry field " + name + " is not a canonical instant");
        }
        return t;
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("entry field " + name + " is not an instant", e);
      }
    }

    List<String> strings(String name) {
      if (!(raw.get(name) instanceof List<?> list)) {
        throw new IllegalArgumentException("entry field " + name + " must be an array");
      }
      List<String> out = new ArrayList<>(list.size());
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new IllegalArgumentException("entry field " + name + " must hold strings");
        }
        out.add(s);
      }
      return out;
    }
  }
}
