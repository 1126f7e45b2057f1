/**
 * The authorization server (SMART App Launch) and the resource server: tokens, scopes and callers.
 */
package kr.hiway.gateway.security;
