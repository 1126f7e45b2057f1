package kr.hiway.gateway.pii;

/**
 * The at-rest key the demo made itself, used only when {@code hiway.pii.key} is not set. Outside
 * the demo no bean of this type exists and the gateway refuses to start without the setting: a key
 * made up at start would leave every identifier written before it unreadable. Called once, at
 * start; never returns null.
 */
@FunctionalInterface
public interface DemoPiiKeys {

  /** The demo's key, 32 bytes, made on first use and the same at every later start. */
  byte[] piiKey();
}
