/**
 * The consent model: a patient's FHIR R4 {@code Consent} as submitted, validated into a {@link
 * kr.hiway.consent.model.ConsentGrant}, stored as versions of {@link
 * kr.hiway.consent.model.ConsentTerms}, and written back as a canonical Consent ({@link
 * kr.hiway.consent.model.ConsentFhir}).
 *
 * <p>A consent's recipient is the third party's OAuth client id; its hospitals are hospital codes;
 * its times are exact instants, FHIR dates being read in Korean time. Nothing here logs; problem
 * messages name elements and codes, never clinical data.
 */
package kr.hiway.consent.model;
