/**
 * Pseudonymization of FHIR R4 records for secondary use (research, regulators), as the Personal
 * Information Protection Act requires of pseudonymized information (가명정보).
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link kr.hiway.consent.pseudonym.PseudonymKeys}: the master key and the per-domain keys
 *       derived from it with HKDF-SHA256 (layout in its documentation).
 *   <li>{@link kr.hiway.consent.pseudonym.DeidentificationProfile}: the declarative allow-list of
 *       what each resource type keeps, pseudonymizes, generalizes or masks, validated at load
 *       against the FHIR definitions; {@code /pseudonym/deidentification-profile.json} is the
 *       default, with its decisions written at its top; its {@link
 *       kr.hiway.consent.pseudonym.ReleasePolicy} sets the date shift and precision, birth bands,
 *       places, hospitals and the quasi-identifiers ({@code docs/deidentification.md}).
 *   <li>{@link kr.hiway.consent.pseudonym.Pseudonymizer}: applies a profile to one person's release
 *       for one domain, giving new resources and a {@link
 *       kr.hiway.consent.pseudonym.PseudonymMapping}.
 * </ul>
 *
 * <h2>Pseudonyms</h2>
 *
 * A person's pseudonym in a domain is {@code "ps-" + base32(HMAC-SHA256(K_domain, 13 digits of the
 * resident registration number)))}, cut to 26 characters (130 bits). Without the master key the
 * resident-number space, small and structured as it is, cannot be enumerated against pseudonyms;
 * with it, it could, which is why the master key lives in a secret store and why the gateway offers
 * no "try these candidates" operation. Two domains' pseudonyms of one person are unrelated to
 * anyone without the master key. Record ids and reference targets become {@code "id-" + ...} over a
 * namespaced input, stable within a domain (see {@code Pseudonyms}).
 *
 * <h2>Re-identification</h2>
 *
 * Re-identification is a lookup, never a search. At release time the gateway writes the release's
 * {@link kr.hiway.consent.pseudonym.PseudonymMapping} (domain, pseudonym, national id) to its
 * per-domain {@link kr.hiway.consent.pseudonym.PseudonymIndex}, before the data leaves; so the
 * index holds exactly the persons released to each domain. To re-identify, a trusted role (for
 * example the data protection officer, on a legal ground such as a patient-safety finding) asks for
 * one domain and pseudonym, states a reason, and the gateway audits the request (the consent
 * ledger's {@code Reidentification} entry: actor, domain, reason, pseudonym, time) before it looks
 * the pseudonym up. A pseudonym that was never released to that domain finds nobody. The ledger's
 * own entries name the patient by the {@code regulator}-domain pseudonym, which {@link
 * kr.hiway.consent.pseudonym.Pseudonymizer#pseudonymOf} gives.
 *
 * <h2>Null and threads</h2>
 *
 * Unless stated otherwise, no method accepts or returns null, and public types are thread-safe.
 * Nothing in this package logs personal data.
 */
package kr.hiway.consent.pseudonym;
