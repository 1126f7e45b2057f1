/**
 * The consent ledger: an append-only Merkle log (RFC 6962 hashing) of consents and disclosures with
 * signed C2SP checkpoints and proofs.
 */
package kr.hiway.consent.ledger;
