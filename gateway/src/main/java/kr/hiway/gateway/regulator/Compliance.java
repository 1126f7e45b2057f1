package kr.hiway.gateway.regulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.hiway.consent.ledger.ConsentExpired;
import kr.hiway.consent.ledger.ConsentGranted;
import kr.hiway.consent.ledger.ConsentRevoked;
import kr.hiway.consent.ledger.Disclosure;
import org.springframework.stereotype.Component;

/**
 * The compliance check, from the ledger alone: every disclosure must rest on a consent granted
 * earlier in the log, to the same recipient for the same patient, for the disclosure's purpose,
 * types and hospitals, in force at the disclosure's time and neither revoked nor expired before it
 * in the log. Each disclosure that fails is reported with every reason and the entries involved.
 */
@Component
public class Compliance {

  private final LedgerEvents events;

  Compliance(LedgerEvents events) {
    this.events = events;
  }

  /** The result: how many disclosures were checked and those that failed. */
  public record Report(long checked, List<Violation> violations) {}

  /**
   * A disclosure that no consent covered.
   *
   * @param index the disclosure's entry index
   * @param consentId the consent it claims to rest on
   * @param problems why it is not covered, one sentence each
   * @param related the indexes of the consent's own entries (grant, revocation, expiry)
   */
  public record Violation(
      long index, String consentId, List<String> problems, List<Long> related) {}

  /** Checks the disclosures of the filter's range (only its time bounds and hospital apply). */
  public Report check(Instant from, Instant to, String hospital) {
    EventFilter disclosures =
        new EventFilter("disclosure", from, to, hospital, null, null, null, null);
    List<Violation> violations = new ArrayList<>();
    long checked = 0;
    long after = -1;
    events.catchUp(); // once: what is entered while the check runs is for the next check
    while (true) {
      List<LedgerEvent> page = events.find(disclosures, after, LedgerEvents.MAX_PAGE);
      if (page.isEmpty()) {
        break;
      }
      Map<String, List<LedgerEvent>> consents = new HashMap<>();
      for (LedgerEvent e : page) {
        if (e.entry() instanceof Disclosure d) {
          consents.computeIfAbsent(d.consentId(), events::history);
        }
      }
      for (LedgerEvent e : page) {
        if (!(e.entry() instanceof Disclosure d) || !e.intact()) {
          // Indexed as a disclosure, but its stored data says otherwise: altered in the database.
          violations.add(
              new Violation(
                  e.index(),
                  e.entry() instanceof Disclosure d2 ? d2.consentId() : "",
                  List.of(
                      "the stored entry was altered in the database: it no longer reads as the"
                          + " disclosure indexed, or no longer gives its stored hash"),
                  List.of()));
          checked++;
          continue;
        }
        Violation v = check(e.index(), d, consents.get(d.consentId()));
        if (v != null) {
          violations.add(v);
        }
        checked++;
      }
      after = page.getLast().index();
    }
    return new Report(checked, violations);
  }

  private static Violation check(long index, Disclosure d, List<LedgerEvent> consent) {
    List<String> problems = new ArrayList<>();
    List<Long> related = new ArrayList<>();
    ConsentGranted grant = null;
    for (LedgerEvent e : consent) {
      related.add(e.index());
      if (e.index() > index || e.entry() == null) {
        continue; // what the log records later cannot cover this disclosure; unreadable: flagged
      }
      switch (e.entry()) {
        case ConsentGranted g -> grant = g;
        case ConsentRevoked r ->
            problems.add("the consent was revoked at " + r.time() + " (entry " + e.index() + ")");
        case ConsentExpired x ->
            problems.add("the consent expired at " + x.time() + " (entry " + e.index() + ")");
        default -> {}
      }
    }
    if (grant == null) {
      problems.add("no grant of consent " + d.consentId() + " precedes it in the ledger");
    } else {
      if (!grant.patientPseudonym().equals(d.patientPseudonym())) {
        problems.add("the consent is another patient's");
      }
      if (!grant.recipient().equals(d.recipient())) {
        problems.add("the consent was granted to " + grant.recipient() + ", not " + d.recipient());
      }
      if (!grant.purposes().contains(d.purpose())) {
        problems.add("purpose " + d.purpose() + " is not granted " + grant.purposes());
      }
      if (d.time().isBefore(grant.validFrom())) {
        problems.add("before the consent's validity starts at " + grant.validFrom());
      }
      if (!d.time().isBefore(grant.expiresAt())) {
        problems.add("after the consent's validity ended at " + grant.expiresAt());
      }
      Set<String> types = new LinkedHashSet<>(d.resourceTypes());
      types.removeAll(grant.resourceTypes());
      if (!types.isEmpty()) {
        problems.add("types not granted: " + String.join(", ", types));
      }
      if (!grant.hospitalCodes().isEmpty()) {
        Set<String> hospitals = new LinkedHashSet<>(d.hospitalCodes());
        hospitals.removeAll(grant.hospitalCodes());
        if (!hospitals.isEmpty()) {
          problems.add("hospitals not granted: " + String.join(", ", hospitals));
        }
      }
    }
    return problems.isEmpty() ? null : new Violation(index, d.consentId(), problems, related);
  }
}
