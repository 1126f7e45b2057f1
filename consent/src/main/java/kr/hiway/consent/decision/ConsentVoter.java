package kr.hiway.consent.decision;

/**
 * A third party may read a record that an in-force consent of the patient covers: same recipient, a
 * granted purpose, the record's kind and hospital, and its date inside the data period. It never
 * denies; without a covering consent it abstains, with the reasons, and the default deny applies.
 * Stateless.
 */
final class ConsentVoter implements Voter {

  static final String NAME = "consent";

  @Override
  public Decision vote(PreparedRequest request, Subject s) {
    if (s.coveringNamed != null) {
      return s.coveringNamed.permit;
    }
    if (s.covering != null) {
      // The sensitive-class voter denies this one; the permit still says which consent matched.
      return s.covering.permit;
    }
    return request.uncovered(s).abstain();
  }
}
