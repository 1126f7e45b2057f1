package kr.hiway.consent.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kr.hiway.consent.model.ConsentStatus;
import kr.hiway.consent.model.ConsentTerms;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.model.SensitiveClass;
import kr.hiway.vocabulary.RecordType;

/**
 * One request's decisions, prepared once: the patient's consents are sifted for this requester,
 * purpose and instant when it is made, so that each record's decision only checks kind, hospital,
 * date and sensitive classes against the few consents left (a few hundred nanoseconds).
 *
 * <p>It decides from the consent list it was given, which the gateway fetches from the store once
 * per request: a revocation committed later binds the next request, not this one.
 *
 * <p>Thread-safe, and immutable but for a cache of explanations. Arguments must not be null, except
 * a record's date.
 */
public final class PreparedRequest {

  private static final Voter[] VOTERS = {new ConsentVoter(), new SensitiveClassVoter()};
  private static final String DEFAULT = "default-deny";
  private static final int MAX_REASONS = 3;
  private static final int MAX_CACHED = 4096;
  private static final int MAX_CACHED_CANDIDATES = 21;

  private final Requester requester;
  private final PurposeOfUse purpose;
  private final String patientId;
  private final Instant instant;
  private final Candidate[] candidates;
  private final List<String> notInForce;
  private final String firstConsentId;
  private final CoveredScope coverage;
  private final Map<MissKey, Uncovered> uncovered = new ConcurrentHashMap<>();

  PreparedRequest(
      Requester requester,
      PurposeOfUse purpose,
      String patientId,
      List<ConsentTerms> consents,
      Instant instant) {
    this.requester = Objects.requireNonNull(requester, "requester");
    this.purpose = Objects.requireNonNull(purpose, "purpose");
    this.patientId = Objects.requireNonNull(patientId, "patientId");
    this.instant = Objects.requireNonNull(instant, "instant");
    List<Candidate> in = new ArrayList<>();
    List<String> out = new ArrayList<>();
    String first = null;
    if (requester instanceof Requester.ThirdParty t) {
      for (ConsentTerms c : consents) {
        // Other recipients' consents are not mentioned: an explanation must not reveal them.
        if (!c.recipient().equals(t.clientId()) || !c.patientId().equals(patientId)) {
          continue;
        }
        first = first == null ? c.id() : first;
        String why = notInForce(c);
        if (why == null) {
          in.add(new Candidate(c));
        } else {
          out.add(why);
        }
      }
    }
    this.candidates = in.toArray(new Candidate[0]);
    this.notInForce = List.copyOf(out);
    this.firstConsentId = in.isEmpty() ? first : in.get(0).id;
    this.coverage = CoveredScope.of(in, reasons(List.of()));
  }

  /**
   * Decides one record: voters combined deny-overrides (any deny wins, then any permit), and a deny
   * by default when nothing permits.
   *
   * @param kind the record's kind
   * @param hospitalCode the hospital holding it
   * @param dataDate its clinical date, or null if it has none
   * @param sensitivity its sensitive classes; empty if none
   * @return a {@link Decision.Permit} or {@link Decision.Deny}, never an abstention
   */
  public Decision decide(
      RecordType kind, String hospitalCode, Instant dataDate, Set<SensitiveClass> sensitivity) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(hospitalCode, "hospitalCode");
    Subject s = new Subject(kind, hospitalCode, dataDate, Candidate.mask(sensitivity), candidates);
    Decision permit = null;
    for (Voter v : VOTERS) {
      Decision d = v.vote(this, s);
      if (d instanceof Decision.Deny) {
        return d;
      }
      if (permit == null && d instanceof Decision.Permit) {
        permit = d;
      }
    }
    // Nothing covers the record.
    return permit != null ? permit : uncovered(s).deny();
  }

  /** Which hospitals, kinds and data periods the request's consents cover at all. */
  public CoveredScope coverage() {
    return coverage;
  }

  Requester requester() {
    return requester;
  }

  String patientId() {
    return patientId;
  }

  /**
   * Why no consent covers the record, as the consent voter's abstention and the default deny. Made
   * once for each way of missing (kind, hospital if it matters, and how each consent missed) and
   * kept, so that a request denying many records builds each explanation once.
   */
  Uncovered uncovered(Subject s) {
    long signature = 0;
    boolean hospitalMatters = false;
    for (int i = 0; i < candidates.length; i++) {
      int miss = candidates[i].miss(s.kind, s.hospital, s.dataDate);
      hospitalMatters |= miss == Candidate.MISS_HOSPITAL;
      signature |= (long) miss << (3 * i);
    }
    if (candidates.length > MAX_CACHED_CANDIDATES || uncovered.size() >= MAX_CACHED) {
      return explain(s);
    }
    MissKey key = new MissKey(s.kind, hospitalMatters ? s.hospital : null, signature);
    return uncovered.computeIfAbsent(key, k -> explain(s));
  }

  /** What a decision says when nothing permits it: the abstention and the deny it leads to. */
  record Uncovered(Decision.Abstain abstain, Decision.Deny deny) {}

  private record MissKey(RecordType kind, String hospital, long signature) {}

  private Uncovered explain(Subject s) {
    List<String> reasons = new ArrayList<>();
    for (Candidate c : candidates) {
      reasons.add(c.explainMiss(c.miss(s.kind, s.hospital, s.dataDate), s.kind, s.hospital));
    }
    String reason = reasons(reasons);
    return new Uncovered(
        new Decision.Abstain(ConsentVoter.NAME, firstConsentId, reason),
        new Decision.Deny(DEFAULT, firstConsentId, reason));
  }

  private String reasons(List<String> perRecord) {
    List<String> all = new ArrayList<>(perRecord);
    all.addAll(notInForce);
    if (all.isEmpty()) {
      return "no consent of this patient names this recipient";
    }
    StringBuilder s = new StringBuilder("no consent covers the record: ");
    for (int i = 0; i < Math.min(MAX_REASONS, all.size()); i++) {
      s.append(i == 0 ? "" : "; ").append(all.get(i));
    }
    return all.size() > MAX_REASONS ? s.append("; …").toString() : s.toString();
  }

  private String notInForce(ConsentTerms c) {
    if (c.status() != ConsentStatus.ACTIVE) {
      return "consent " + c.id() + " is " + c.status().code();
    }
    if (c.validity().end() != null && !instant.isBefore(c.validity().end())) {
      return "consent " + c.id() + " has expired";
    }
    if (!c.validity().contains(instant)) {
      return "consent " + c.id() + " is not yet valid";
    }
    if (!c.purposes().contains(purpose)) {
      return "consent " + c.id() + " does not grant purpose " + purpose.code();
    }
    return null;
  }
}
