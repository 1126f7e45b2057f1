/**
 * The regulator's and the trust center's APIs: ledger search, statistics, compliance, proofs and
 * re-identification.
 */
package kr.hiway.gateway.regulator;
