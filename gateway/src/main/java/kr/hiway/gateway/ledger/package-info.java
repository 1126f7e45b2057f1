/**
 * The gateway's use of the consent ledger: entries committed with what they record, checkpoints
 * signed, consents expired.
 */
package kr.hiway.gateway.ledger;
