package kr.hiway.consent.decision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kr.hiway.consent.model.SensitiveClass;

/**
 * The code sets and text terms of {@code consent/sensitive-codes.txt}, as class bit masks ({@link
 * Candidate#bit}) keyed by normalised code or prefix, and the terms per class. Immutable after
 * loading and thread-safe.
 */
final class SensitiveCodes {

  static final String RESOURCE = "/consent/sensitive-codes.txt";

  private static final Set<String> ICD10 =
      Set.of(
          "http://www.hl7korea.or.kr/CodeSystem/kostat-kcd-8",
          "http://www.hl7korea.or.kr/CodeSystem/kostat-kcd-7",
          "http://hl7.org/fhir/sid/icd-10",
          "http://hl7.org/fhir/sid/icd-10-cm");
  private static final String ATC = "http://www.whocc.no/atc";
  private static final String LOINC = "http://loinc.org";

  private final Map<String, Integer> icd10 = new HashMap<>();
  private final Map<String, Integer> atc = new HashMap<>();
  private final Map<String, Integer> loinc = new HashMap<>();
  private final List<Term> terms = new ArrayList<>();

  /**
   * A term of free text, lower case. One that begins with a Latin letter or digit matches whole
   * words only ({@code hiv} in "HIV-1", not in "archive" or "Hivern"), unless written with a
   * closing {@code *}, when it is a prefix ({@code gonorrh*} matches both spellings); any other
   * (Hangul) matches anywhere, as Korean attaches particles and compounds without spaces.
   */
  private record Term(String text, int bit, boolean latin, boolean prefix) {}

  private SensitiveCodes() {}

  static SensitiveCodes load() {
    SensitiveCodes codes = new SensitiveCodes();
    try (InputStream in = SensitiveCodes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        line = line.strip();
        if (line.startsWith("text ")) {
          codes.textRule(line.substring(5).strip());
        } else if (!line.isEmpty() && !line.startsWith("#")) {
          codes.rule(line.split("\\s+"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return codes;
  }

  /** The classes of one coding, as a mask; 0 for an unknown system or code. */
  int classesOf(String system, String code) {
    if (system == null || code == null) {
      return 0;
    }
    if (ICD10.contains(system)) {
      return byPrefix(icd10, normalise(code), 3);
    }
    if (ATC.equals(system)) {
      return byPrefix(atc, normalise(code), 1);
    }
    if (LOINC.equals(system)) {
      return loinc.getOrDefault(code.strip(), 0);
    }
    return 0;
  }

  /** The classes whose terms occur in {@code text}, case-insensitively, as a mask. */
  int classesOfText(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    int mask = 0;
    for (Term t : terms) {
      if ((mask & t.bit()) == 0 && occurs(lower, t)) {
        mask |= t.bit();
      }
    }
    return mask;
  }

  private static boolean occurs(String text, Term t) {
    int at = text.indexOf(t.text());
    while (at >= 0) {
      if (!t.latin()
          || (boundary(text, at - 1) && (t.prefix() || boundary(text, at + t.text().length())))) {
        return true;
      }
      at = text.indexOf(t.text(), at + 1);
    }
    return false;
  }

  /** Whether the character at {@code i} ends or begins a word: none, or not a letter or digit. */
  private static boolean boundary(String text, int i) {
    return i < 0 || i >= text.length() || !Character.isLetterOrDigit(text.charAt(i));
  }

  /** {@code CLASS term, term, ...}: terms may hold spaces, never a comma. */
  private void textRule(String rule) {
    int space = rule.indexOf(' ');
    if (space < 0) {
      throw new IllegalStateException(RESOURCE + ": a text rule is text CLASS term, term...");
    }
    int bit = bitOf(rule.substring(0, space));
    for (String term : rule.substring(space + 1).split(",")) {
      String t = term.strip().toLowerCase(Locale.ROOT);
      boolean prefix = t.endsWith("*");
      t = prefix ? t.substring(0, t.length() - 1) : t;
      if (!t.isEmpty()) {
        char first = t.charAt(0);
        terms.add(new Term(t, bit, first < 128 && Character.isLetterOrDigit(first), prefix));
      }
    }
  }

  private static int bitOf(String label) {
    return Candidate.bit(
        SensitiveClass.ofLabel(label)
            .orElseThrow(() -> new IllegalStateException(RESOURCE + ": class " + label)));
  }

  private static int byPrefix(Map<String, Integer> map, String code, int shortest) {
    int mask = 0;
    for (int len = shortest; len <= code.length(); len++) {
      Integer m = map.get(code.substring(0, len));
      if (m != null) {
        mask |= m;
      }
    }
    return mask;
  }

  private void rule(String[] fields) {
    if (fields.length < 3) {
      throw new IllegalStateException(RESOURCE + ": a rule is FAMILY CLASS CODE...");
    }
    int bit = bitOf(fields[1]);
    for (int i = 2; i < fields.length; i++) {
      switch (fields[0]) {
        case "icd10" -> icdRule(fields[i], bit);
        case "atc" -> atc.merge(normalise(fields[i]), bit, (a, b) -> a | b);
        case "loinc" -> loinc.merge(fields[i], bit, (a, b) -> a | b);
        default -> throw new IllegalStateException(RESOURCE + ": family " + fields[0]);
      }
    }
  }

  private void icdRule(String code, int bit) {
    int dash = code.indexOf('-');
    if (dash < 0) {
      icd10.merge(normalise(code), bit, (a, b) -> a | b);
      return;
    }
    String from = code.substring(0, dash);
    String to = code.substring(dash + 1);
    if (from.length() != 3 || to.length() != 3 || from.charAt(0) != to.charAt(0)) {
      throw new IllegalStateException(RESOURCE + ": ranges join categories of one letter");
    }
    int a = Integer.parseInt(from.substring(1));
    int b = Integer.parseInt(to.substring(1));
    for (int n = a; n <= b; n++) {
      icd10.merge(from.charAt(0) + String.format("%02d", n), bit, (x, y) -> x | y);
    }
  }

  /** Upper case, without the dot or spaces: {@code f32.9} and {@code F329} are one code. */
  static String normalise(String code) {
    StringBuilder s = new StringBuilder(code.length());
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        s.append(c);
      }
    }
    return s.toString().toUpperCase(Locale.ROOT);
  }
}
