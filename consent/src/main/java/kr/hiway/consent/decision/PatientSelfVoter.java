package kr.hiway.consent.decision;

/** A patient may read their own records, and no one else's. Stateless. */
final class PatientSelfVoter implements Voter {

  static final String NAME = "patient-self";

  private static final Decision SELF =
      new Decision.Permit(NAME, null, "the patient reads their own records");
  private static final Decision OTHER =
      new Decision.Deny(NAME, null, "a patient may read only their own records");
  private static final Decision THIRD_PARTY =
      new Decision.Abstain(NAME, null, "the requester is a third party, not the patient");

  @Override
  public Decision vote(PreparedRequest request, Subject subject) {
    if (request.requester() instanceof Requester.Patient p) {
      return p.patientId().equals(request.patientId()) ? SELF : OTHER;
    }
    return THIRD_PARTY;
  }
}
