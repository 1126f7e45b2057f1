package kr.hiway.consent.pseudonym;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * A second line of defence behind the allow-list: the identifying strings of the release's own
 * Patient resources (names, phone numbers, address lines, identifiers, record numbers) and the
 * national identifier, looked for in every kept string and URI. A kept value that contains one, or
 * anything shaped like a resident registration number, is dropped. The profile already removes the
 * fields that usually hold such text; this catches a name typed into a field the profile keeps,
 * such as a coded concept's text, or a record number in {@code meta.source}.
 *
 * <p>Not thread-safe: one per release. Never exposes what it holds.
 */
final class ResidualText {

  // Six digits, an optional hyphen or space, seven digits: any resident registration number.
  private static final Pattern RESIDENT_NUMBER =
      Pattern.compile("(?<![0-9])[0-9]{6}[- ]?[0-9]{7}(?![0-9])");
  private static final int MIN_NON_ASCII = 2;
  private static final int MIN_ASCII = 4;
  private static final int MIN_DIGITS = 8;
  private static final int MIN_DIGIT_NEEDLE = 6;

  private final String[] needles;
  private final String[] digitNeedles;

  private ResidualText(Set<String> needles, Set<String> digitNeedles) {
    this.needles = needles.toArray(String[]::new);
    this.digitNeedles = digitNeedles.toArray(String[]::new);
  }

  /** The identifying strings of this person, from the national id digits and the release. */
  static ResidualText of(String nationalIdDigits, List<? extends Resource> release) {
    Set<String> needles = new LinkedHashSet<>();
    Set<String> digits = new LinkedHashSet<>();
    digits.add(nationalIdDigits);
    for (Resource r : release) {
      if (r instanceof Patient p) {
        collect(p, needles, digits);
      }
    }
    List<String> kept = new ArrayList<>();
    for (String n : needles) {
      // Short needles would drop innocent text: a one-syllable family name, a four-digit id
      // inside a LOINC code. Long digit runs are also caught by the digit comparison below.
      int least = isAscii(n) ? (isDigits(n) ? MIN_DIGIT_NEEDLE : MIN_ASCII) : MIN_NON_ASCII;
      if (n.length() >= least) {
        kept.add(n);
      }
    }
    return new ResidualText(new LinkedHashSet<>(kept), digits);
  }

  /** Whether a kept string must be dropped. */
  boolean identifies(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    for (String needle : needles) {
      if (text.contains(needle)) {
        return true;
      }
    }
    int digitCount = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digitCount++;
      }
    }
    if (digitCount < MIN_DIGITS) {
      return false;
    }
    // Phone numbers and resident numbers are written with or without separators: compare digits.
    String onlyDigits = text.replaceAll("[^0-9]", "");
    for (String needle : digitNeedles) {
      if (onlyDigits.contains(needle)) {
        return true;
      }
    }
    return digitCount >= NationalIds.DIGITS && RESIDENT_NUMBER.matcher(text).find();
  }

  private static void collect(Patient p, Set<String> needles, Set<String> digits) {
    if (p.hasIdElement() && p.getIdElement().getIdPart() != null) {
      needles.add(p.getIdElement().getIdPart());
    }
    // has*() before get*(): the getters of HAPI models create empty lists, and the input is the
    // caller's, possibly shared between threads.
    for (Identifier id : p.hasIdentifier() ? p.getIdentifier() : List.<Identifier>of()) {
      add(needles, id.getValue());
    }
    for (HumanName name : p.hasName() ? p.getName() : List.<HumanName>of()) {
      add(needles, name.getText());
      add(needles, name.getFamily());
      for (StringType given : name.hasGiven() ? name.getGiven() : List.<StringType>of()) {
        add(needles, given.getValue());
        if (name.hasFamily() && given.hasValue()) {
          needles.add(name.getFamily() + given.getValue());
          needles.add(name.getFamily() + " " + given.getValue());
          needles.add(given.getValue() + " " + name.getFamily());
        }
      }
    }
    for (ContactPoint t : p.hasTelecom() ? p.getTelecom() : List.<ContactPoint>of()) {
      add(needles, t.getValue());
      String d = t.hasValue() ? t.getValue().replaceAll("[^0-9]", "") : "";
      if (d.length() >= MIN_DIGITS) {
        digits.add(d);
      }
    }
    for (Address a : p.hasAddress() ? p.getAddress() : List.<Address>of()) {
      add(needles, a.getText());
      if (a.hasLine()) {
        a.getLine().forEach(line -> add(needles, line.getValue()));
      }
      add(needles, a.getPostalCode());
    }
  }

  private static void add(Set<String> needles, String value) {
    if (value != null && !value.isBlank()) {
      needles.add(value.strip());
    }
  }

  private static boolean isDigits(String s) {
    return s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 127) {
        return false;
      }
    }
    return true;
  }
}
