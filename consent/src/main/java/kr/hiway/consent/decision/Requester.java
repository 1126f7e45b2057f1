package kr.hiway.consent.decision;

import java.util.Objects;

/**
 * Who asks for a patient's records: the patient themself, or a third party known by its OAuth
 * client id, which is the recipient named in the patient's consents. Immutable and thread-safe; ids
 * are never null.
 */
public sealed interface Requester permits Requester.Patient, Requester.ThirdParty {

  /** The patient, signed in with patient context. */
  record Patient(String patientId) implements Requester {
    public Patient {
      Objects.requireNonNull(patientId, "patientId");
    }
  }

  /** A third party (SMART Backend Services); its client id is the consents' recipient. */
  record ThirdParty(String clientId) implements Requester {
    public ThirdParty {
      Objects.requireNonNull(clientId, "clientId");
    }
  }
}
