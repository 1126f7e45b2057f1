package kr.hiway.consent.model;

import java.util.ArrayList;
import java.util.List;

/** The problems found in one Consent so far. Not thread-safe; one per parse. */
final class Problems {

  private static final int SHOWN = 40;

  private final List<ConsentProblem> list = new ArrayList<>();

  void add(String field, String message) {
    list.add(new ConsentProblem(field, message));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  List<ConsentProblem> list() {
    return list;
  }

  ConsentValidationException failure(boolean unparseable) {
    return new ConsentValidationException(unparseable, list);
  }

  /**
   * A client-supplied code as it may appear in a message: quoted, cut short and stripped of control
   * characters, so that a hostile value cannot forge log lines.
   */
  static String shown(String value) {
    if (value == null) {
      return "(none)";
    }
    String cut = value.length() > SHOWN ? value.substring(0, SHOWN) + "…" : value;
    return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
