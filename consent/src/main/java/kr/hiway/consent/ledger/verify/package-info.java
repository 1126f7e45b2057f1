/**
 * The ledger verifier: checks signed checkpoints, entries and proofs from a gateway or a database
 * export.
 */
package kr.hiway.consent.ledger.verify;
