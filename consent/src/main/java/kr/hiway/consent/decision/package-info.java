/**
 * Consent decisions: whether one record may go to its requester, and why.
 *
 * <p>{@link kr.hiway.consent.decision.ConsentDecider} prepares a request from the patient's
 * consents, fetched once per request; {@link kr.hiway.consent.decision.PreparedRequest#decide} then
 * decides each record from its kind, hospital, {@linkplain kr.hiway.consent.decision.DataDates
 * clinical date} and {@linkplain kr.hiway.consent.decision.SensitivityClassifier sensitive
 * classes}. Voters are combined deny-overrides, and nothing permitted is denied. {@link
 * kr.hiway.consent.decision.CoveredScope} tells the fan-out which hospitals to ask at all.
 *
 * <p>Explanations name voters, consent ids, codes and hospitals, never clinical data, and never a
 * consent of another recipient.
 */
package kr.hiway.consent.decision;
