/**
 * SMART Backend Services: third-party recipients (a clinic, a research project) authenticate as
 * OAuth 2.0 clients with the client-credentials grant and a {@code private_key_jwt} client
 * assertion (RFC 7523), checked against the public keys registered with them by value.
 *
 * <p>{@link kr.hiway.gateway.security.backend.RecipientRegistration} is what a recipient is
 * registered as (keys, {@code system/*.rs} scopes, purpose of use); {@link
 * kr.hiway.gateway.security.backend.ClientAssertionAuthentication} plugs the assertion checks into
 * the authorization server. What a recipient may then read is decided by consent enforcement, not
 * here.
 */
package kr.hiway.gateway.security.backend;
