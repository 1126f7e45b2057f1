package kr.hiway.consent.pseudonym;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import kr.hiway.consent.pseudonym.ReleasePolicy.DatePrecision;
import kr.hiway.consent.pseudonym.ReleasePolicy.HospitalMode;

/**
 * Reads the {@link ReleasePolicy} part of a profile file, adding one problem per bad setting, each
 * naming the setting as the file spells it. Stateless.
 */
final class PolicyReader {

  static final Set<String> FIELDS =
      Set.of("dates", "birthDate", "places", "hospitals", "freeText", "quasiIdentifiers", "k");

  /** A longer shift would move dates by more than ten years: no study could use them. */
  static final int MAX_SHIFT_DAYS = 3_650;

  private PolicyReader() {}

  /** The policy, or null when a problem was added. */
  static ReleasePolicy read(JsonNode root, List<String> problems) {
    int before = problems.size();
    JsonNode dates = object(root, "dates", problems);
    JsonNode shift = dates == null ? null : object(dates, "shiftDays", "dates.", problems);
    int min =
        shift == null ? 0 : number(shift, "min", "dates.shiftDays.", 1, MAX_SHIFT_DAYS, problems);
    int max =
        shift == null ? 0 : number(shift, "max", "dates.shiftDays.", 1, MAX_SHIFT_DAYS, problems);
    if (min > 0 && max > 0 && max < min) {
      problems.add("dates.shiftDays.max must be at least dates.shiftDays.min (" + min + ")");
    }
    DatePrecision precision =
        dates == null ? null : choice(dates, "precision", "dates.", DatePrecision.class, problems);
    JsonNode birth = object(root, "birthDate", problems);
    int band = birth == null ? 0 : number(birth, "bandYears", "birthDate.", 1, 20, problems);
    String places = fixed(root, "places", "province", problems);
    HospitalMode hospitals = choice(root, "hospitals", "", HospitalMode.class, problems);
    String freeText = fixed(root, "freeText", "remove", problems);
    List<String> quasi = new ArrayList<>();
    JsonNode q = root.get("quasiIdentifiers");
    if (q == null || !q.isArray() || q.isEmpty()) {
      problems.add("quasiIdentifiers must be a non-empty list of element paths (Type.path)");
    } else {
      q.forEach(p -> {
        if (p.isTextual() && p.asText().matches("[A-Z][A-Za-z]+\\.[A-Za-z\\[\\]x.]+")) {
          quasi.add(p.asText());
        } else {
          problems.add("quasiIdentifiers: '" + p.asText() + "' is not an element path (Type.path)");
        }
      });
    }
    int k = number(root, "k", "", 2, 1_000, problems);
    if (problems.size() > before) {
      return null;
    }
    return new ReleasePolicy(min, max, precision, band, places, hospitals, freeText, quasi, k);
  }

  private static JsonNode object(JsonNode node, String field, List<String> problems) {
    return object(node, field, "", problems);
  }

  private static JsonNode object(JsonNode node, String field, String at, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      problems.add(at + field + " must be an object");
      return null;
    }
    return value;
  }

  private static int number(
      JsonNode node, String field, String at, int least, int most, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || !value.isInt() || value.asInt() < least || value.asInt() > most) {
      problems.add(
          at
              + field
              + " must be a whole number from "
              + least
              + " to "
              + most
              + (value == null ? " (missing)" : ", not " + value));
      return 0;
    }
    return value.asInt();
  }

  private static <E extends Enum<E>> E choice(
      JsonNode node, String field, String at, Class<E> type, List<String> problems) {
    JsonNode value = node.get(field);
    List<String> known = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String label = e.name().toLowerCase(Locale.ROOT);
      known.add(label);
      if (value != null && value.isTextual() && value.asText().equals(label)) {
        return e;
      }
    }
    problems.add(
        at
            + field
            + " must be one of "
            + known
            + (value == null ? " (missing)" : ", not " + value));
    return null;
  }

  private static String fixed(JsonNode node, String field, String only, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || !value.asText().equals(only)) {
      problems.add(
          field
              + " must be '"
              + only
              + "', the only policy offered"
              + (value == null ? " (missing)" : ", not " + value));
      return only;
    }
    return only;
  }
}
