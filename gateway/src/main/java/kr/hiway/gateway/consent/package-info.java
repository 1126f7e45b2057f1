/**
 * The consent library's store, decisions and pseudonymizer wired to the gateway's database and
 * clock.
 */
package kr.hiway.gateway.consent;
