/**
 * The gateway CA and hospital onboarding: CSRs, certificates, revocation, and the trust with which
 * hospitals are called.
 */
package kr.hiway.gateway.pki;
