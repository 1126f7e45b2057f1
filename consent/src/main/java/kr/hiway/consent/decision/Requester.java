package kr.hiway.consent.decision;

import java.util.Objects;

/**
 * Who asks for a patient's records: a third party known by its OAuth client id, which is the
 * recipient named in the patient's consents. (A patient reading their own records needs no consent
 * decision; the gateway's access rules judge that.) Immutable and thread-safe; ids are never null.
 */
public sealed interface Requester permits Requester.ThirdParty {

  /** A third party (SMART Backend Services); its client id is the consents' recipient. */
  record ThirdParty(String clientId) implements Requester {
    public ThirdParty {
      Objects.requireNonNull(clientId, "clientId");
    }
  }
}
