package kr.hiway.gateway.cluster;

/** What changed, as every instance hears it. Each topic's key is described with it. */
public enum Topic {
  /** A grant (an OAuth 2.0 authorization) or one token was revoked; the key names it. */
  REVOKED,
  /** The hospital registry changed; the key is the hospital code. */
  REGISTRY,
  /** A hospital certificate was issued or revoked; the key is the hospital code. */
  CERTIFICATES,
  /**
   * Every cache must be dropped: the instance may have missed events (sent while its listening
   * connection was down). The key is empty.
   */
  RESET
}
