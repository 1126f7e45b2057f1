package kr.hiway.gateway.fanout;

/**
 * Why a hospital gave no usable answer. The caller maps these to its own response (for example an
 * {@code OperationOutcome} issue per hospital, or a 503 when every hospital failed).
 */
public enum Failure {
  /** No complete answer within the per-hospital timeout or the request's overall deadline. */
  TIMEOUT,
  /** The hospital could not be reached, dropped the connection, or answered 5xx, 408 or 429. */
  UNAVAILABLE,
  /**
   * The hospital answered something the gateway will not release: a redirect, not JSON, too large,
   * not valid FHIR, a resource of an unexpected type, or a next link leaving the hospital.
   */
  INVALID_RESPONSE,
  /** The hospital refused the request with a 4xx (other than 408 and 429). */
  REFUSED,
  /** The hospital was not called: its circuit breaker is open after repeated failures. */
  CIRCUIT_OPEN
}
