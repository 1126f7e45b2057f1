package kr.hiway.consent.decision;

/**
 * A record in a sensitive class goes to a third party only under a consent that covers it and names
 * every one of its classes: the permission is per consent, so a class named in one consent never
 * widens another. Denies otherwise. Stateless.
 */
final class SensitiveClassVoter implements Voter {

  static final String NAME = "sensitive-class";

  private static final Decision NONE =
      new Decision.Abstain(NAME, null, "the record is in no sensitive class");
  private static final Decision UNCOVERED =
      new Decision.Abstain(NAME, null, "no consent covers the record");

  @Override
  public Decision vote(PreparedRequest request, Subject s) {
    if (s.classes == 0) {
      return NONE;
    }
    if (s.coveringNamed != null) {
      return s.coveringNamed.namesClasses;
    }
    if (s.covering == null) {
      return UNCOVERED;
    }
    return s.covering.sensitiveDeny(s.classes);
  }
}
