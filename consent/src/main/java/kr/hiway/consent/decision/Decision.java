package kr.hiway.consent.decision;

import java.util.Objects;

/**
 * The outcome of a vote, and of a whole decision, which is only ever {@link Permit} or {@link
 * Deny}: a decision nobody permitted is denied by default.
 *
 * <p>Each outcome explains itself: which voter decided, which consent it rests on (null when none
 * does) and why. Reasons name consent ids, codes, hospitals and record types, never clinical data
 * or data dates, so they may go into audit events and logs. Immutable and thread-safe.
 */
public sealed interface Decision permits Decision.Permit, Decision.Deny, Decision.Abstain {

  /** The voter that cast this outcome, such as {@code consent} or {@code sensitive-class}. */
  String voter();

  /** The consent the outcome rests on, or null when it rests on none. */
  String consentId();

  /** Why, in English. */
  String reason();

  /** Whether access is permitted. */
  default boolean permitted() {
    return this instanceof Permit;
  }

  /** One line for an audit event: outcome, voter, consent and reason. */
  default String explain() {
    String outcome =
        switch (this) {
          case Permit p -> "PERMIT";
          case Deny d -> "DENY";
          case Abstain a -> "ABSTAIN";
        };
    return outcome
        + " by "
        + voter()
        + (consentId() == null ? "" : " (consent " + consentId() + ")")
        + ": "
        + reason();
  }

  /** Access is granted. */
  record Permit(String voter, String consentId, String reason) implements Decision {
    public Permit {
      Objects.requireNonNull(voter, "voter");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Access is refused; a single deny overrides every permit. */
  record Deny(String voter, String consentId, String reason) implements Decision {
    public Deny {
      Objects.requireNonNull(voter, "voter");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The voter has nothing to say about this request; never the result of a whole decision. */
  record Abstain(String voter, String consentId, String reason) implements Decision {
    public Abstain {
      Objects.requireNonNull(voter, "voter");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
