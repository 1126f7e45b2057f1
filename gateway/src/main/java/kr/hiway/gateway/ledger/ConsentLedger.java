package kr.hiway.gateway.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kr.hiway.consent.ledger.Appended;
import kr.hiway.consent.ledger.CohortExported;
import kr.hiway.consent.ledger.ConsentExpired;
import kr.hiway.consent.ledger.ConsentGranted;
import kr.hiway.consent.ledger.ConsentRevoked;
import kr.hiway.consent.ledger.Disclosure;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.LedgerEntry;
import kr.hiway.consent.ledger.Reidentification;
import kr.hiway.consent.ledger.ReidentificationRequested;
import kr.hiway.consent.model.ConsentTerms;
import kr.hiway.consent.model.PurposeOfUse;
import kr.hiway.consent.pseudonym.PseudonymIndex;
import kr.hiway.consent.pseudonym.PseudonymMapping;
import kr.hiway.consent.pseudonym.Pseudonymizer;
import kr.hiway.gateway.account.PatientAccounts;
import kr.hiway.gateway.audit.AuditTrail;
import kr.hiway.vocabulary.RecordType;
import org.springframework.stereotype.Component;

/**
 * What the gateway enters in the consent ledger: consents granted, revoked and expired, every
 * disclosure to anyone but the patient, and re-identifications. The patient appears only as their
 * pseudonym in the {@value #REGULATOR_DOMAIN} domain, and that mapping goes to the pseudonym index
 * so that the trust center, and only it, can resolve it.
 *
 * <p>Consent entries append in the caller's transaction (the consent's own), disclosures through
 * {@link LedgerCommits} with their audit event; either way an entry commits together with what it
 * records, or neither does. Database errors surface as Spring's {@code DataAccessException}.
 * Thread-safe.
 */
@Component
public class ConsentLedger {

  /** The pseudonym domain of the ledger: what regulators see of patients. */
  public static final String REGULATOR_DOMAIN = "regulator";

  private final Ledger ledger;
  private final LedgerCommits commits;
  private final Pseudonymizer pseudonymizer;
  private final PseudonymIndex index;
  private final PatientAccounts accounts;
  private final Clock clock;

  ConsentLedger(
      Ledger ledger,
      LedgerCommits commits,
      Pseudonymizer pseudonymizer,
      PseudonymIndex index,
      PatientAccounts accounts,
      Clock clock) {
    this.ledger = ledger;
    this.commits = commits;
    this.pseudonymizer = pseudonymizer;
    this.index = index;
    this.accounts = accounts;
    this.clock = clock;
  }

  /** Enters a consent just granted. */
  public Appended granted(ConsentTerms t) {
    return ledger.append(
        new ConsentGranted(
            t.id(),
            pseudonymOf(t.patientId()),
            t.recipient(),
            t.purposes().stream().map(PurposeOfUse::code).sorted().toList(),
            t.resourceTypes().stream().map(RecordType::fhirType).sorted().toList(),
            t.custodians().stream().sorted().toList(),
            t.validity().start(),
            t.validity().end(),
            t.createdAt()));
  }

  /** Enters a revocation. */
  public Appended revoked(ConsentTerms t) {
    return ledger.append(new ConsentRevoked(t.id(), pseudonymOf(t.patientId()), clock.instant()));
  }

  /** Enters the expiry of a consent whose validity ended at {@code at}. */
  public Appended expired(String consentId, String patientId, Instant at) {
    return ledger.append(new ConsentExpired(consentId, pseudonymOf(patientId), at));
  }

  /**
   * Enters one disclosure per consent it rests on (which types from which hospitals each consent
   * let {@code recipient} receive), committed in one transaction with {@code audit} (the
   * disclosure's audit event) and {@code alsoRecord} (for example a pseudonym mapping), shared with
   * other disclosures' (group commit). Returns once committed.
   *
   * @throws RuntimeException what {@code alsoRecord}, the insert or the append threw; nothing was
   *     committed
   */
  public List<Appended> disclosed(
      String patientId,
      String recipient,
      String purpose,
      Collection<Basis> released,
      AuditTrail.Row audit,
      Runnable alsoRecord) {
    if (released.isEmpty()) {
      return commits.commit(List.of(), List.of(audit), alsoRecord);
    }
    Map<String, Set<String>> types = new TreeMap<>();
    Map<String, Set<String>> hospitals = new TreeMap<>();
    for (Basis b : released) {
      types.computeIfAbsent(b.consentId(), k -> new TreeSet<>()).add(b.resourceType());
      hospitals.computeIfAbsent(b.consentId(), k -> new TreeSet<>()).add(b.hospital());
    }
    PseudonymMapping mapping = pseudonymizer.mappingOf(REGULATOR_DOMAIN, nationalIdOf(patientId));
    String patient = mapping.pseudonym();
    Instant now = clock.instant();
    List<LedgerEntry> entries = new ArrayList<>(types.size());
    for (String consentId : types.keySet()) {
      entries.add(
          new Disclosure(
              consentId,
              patient,
              recipient,
              purpose,
              List.copyOf(types.get(consentId)),
              List.copyOf(hospitals.get(consentId)),
              now));
    }
    return commits.commit(
        entries,
        List.of(audit),
        () -> {
          index.record(mapping);
          alsoRecord.run();
        });
  }

  /**
   * Enters an officer's request to re-identify the person with {@code nationalId}. The reason and
   * the legal reference are free text that may name the person or their condition, and the ledger
   * is forever and read by every regulator: it holds their SHA-256 ({@code sha256:<hex>}), which
   * matches the text kept in the audit event; the legal basis's code is entered as it is.
   *
   * @param legalBasis the basis's code, or null when the person's research consent is in force
   * @param legalReference the basis's reference, null exactly when {@code legalBasis} is
   */
  /**
   * Enters a cohort export released to {@code recipient}, with its risk report ({@code risk}, JSON)
   * and the reviewer who approved it, or null.
   */
  public Appended cohortExported(
      String recipient,
      String job,
      String risk,
      List<String> resourceTypes,
      long resources,
      String reviewer) {
    return ledger.append(
        new CohortExported(
            recipient,
            job,
            risk,
            resourceTypes,
            Long.toString(resources),
            reviewer,
            clock.instant()));
  }

  public Appended reidentificationRequested(
      String actor,
      String request,
      String domain,
      String reason,
      String nationalId,
      String legalBasis,
      String legalReference) {
    return ledger.append(
        new ReidentificationRequested(
            actor,
            domain,
            reasonDigest(reason),
            pseudonymOfPerson(nationalId),
            request,
            legalBasis,
            legalReference == null ? null : reasonDigest(legalReference),
            clock.instant()));
  }

  /**
   * Enters a re-identification of the person with {@code nationalId}: {@code approver} approved
   * {@code requester}'s {@code request}, made for {@code reason} (entered as its digest).
   */
  public Appended reidentified(
      String approver,
      String requester,
      String request,
      String domain,
      String reason,
      String nationalId) {
    return ledger.append(
        new Reidentification(
            approver,
            domain,
            reasonDigest(reason),
            pseudonymOfPerson(nationalId),
            request,
            requester,
            clock.instant()));
  }

  /** How a re-identification's reason appears in the ledger. */
  public static String reasonDigest(String reason) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(reason.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The patient's pseudonym in the ledger. */
  public String pseudonymOf(String patientId) {
    return pseudonymOfPerson(nationalIdOf(patientId));
  }

  private String nationalIdOf(String patientId) {
    return accounts
        .byPatientId(patientId)
        .orElseThrow(() -> new IllegalStateException("no account for " + patientId))
        .nationalId();
  }

  private String pseudonymOfPerson(String nationalId) {
    PseudonymMapping mapping = pseudonymizer.mappingOf(REGULATOR_DOMAIN, nationalId);
    index.record(mapping);
    return mapping.pseudonym();
  }

  /**
   * One released record's grounds: the consent that permitted it, its hospital and type.
   *
   * @param consentId the consent whose permit decided
   * @param hospital the record's hospital code
   * @param resourceType the record's FHIR type
   */
  public record Basis(String consentId, String hospital, String resourceType) {}
}
