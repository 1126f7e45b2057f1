/**
 * The release rules: who may see what, what each request releases, and what is recorded before
 * release.
 */
package kr.hiway.gateway.release;
