package kr.hiway.gateway.security;

import java.nio.file.Path;

/**
 * Where the demo keeps the token signing keys it made itself, used only when {@code
 * hiway.security.jwks} is not set. Outside the demo no bean of this type exists, and the gateway
 * refuses to start without the setting: it never makes a signing key of its own, since tokens
 * signed with a key only one instance knows would be refused by every other instance and after
 * every restart. Called once, at start; thread-safe; never returns null.
 */
@FunctionalInterface
public interface DemoSigningKeys {

  /** A JWK set file in the format {@code hiway.security.jwks} expects, made on first use. */
  Path jwksFile();
}
