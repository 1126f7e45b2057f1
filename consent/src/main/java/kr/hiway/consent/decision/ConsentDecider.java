package kr.hiway.consent.decision;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import kr.hiway.consent.model.ConsentTerms;
import kr.hiway.consent.model.PurposeOfUse;

/**
 * The entry point for consent decisions.
 *
 * <p>Per request, the gateway fetches the patient's consents once ({@code ConsentStore.activeFor}),
 * calls {@link #prepare} and then {@link PreparedRequest#decide} for each record, after {@link
 * SensitivityClassifier#classify(java.util.List)} has classified the release. Decisions are for
 * third parties: a patient's own access is the gateway's to judge, and needs no consent. Voters,
 * combined deny-overrides with a deny by default:
 *
 * <ol>
 *   <li>{@code consent}: a third party is permitted a record an in-force consent covers (status
 *       active, validity containing the request's instant, same patient and recipient, the purpose,
 *       kind and hospital granted, the record's date in the data period);
 *   <li>{@code sensitive-class}: a record in a sensitive class is denied unless a covering consent
 *       names all its classes;
 *   <li>{@code default-deny}: nothing permitted it.
 * </ol>
 *
 * <p>Stateless and thread-safe. Arguments must not be null.
 */
public final class ConsentDecider {

  private ConsentDecider() {}

  /**
   * Prepares a request's decisions.
   *
   * @param consents the patient's consents as fetched for this request; any status, validity or
   *     recipient (those that do not apply are set aside, and only the requester's own are ever
   *     named in an explanation)
   */
  public static PreparedRequest prepare(
      Requester requester,
      PurposeOfUse purpose,
      String patientId,
      List<ConsentTerms> consents,
      Instant instant) {
    return new PreparedRequest(
        requester, purpose, patientId, Objects.requireNonNull(consents, "consents"), instant);
  }

  /** Decides one record on its own; for many records of one request, {@link #prepare} once. */
  public static Decision decide(AccessRequest request, List<ConsentTerms> consents) {
    return prepare(
            request.requester(),
            request.purpose(),
            request.patientId(),
            consents,
            request.instant())
        .decide(
            request.resourceType(),
            request.hospitalCode(),
            request.dataDate(),
            request.sensitivity());
  }

  /**
   * What a recipient's consents cover for this purpose at this instant; see {@link CoveredScope}.
   */
  public static CoveredScope coverage(
      String recipient,
      PurposeOfUse purpose,
      String patientId,
      List<ConsentTerms> consents,
      Instant instant) {
    return prepare(new Requester.ThirdParty(recipient), purpose, patientId, consents, instant)
        .coverage();
  }
}
