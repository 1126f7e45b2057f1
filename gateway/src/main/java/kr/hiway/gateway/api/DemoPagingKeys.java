package kr.hiway.gateway.api;

/**
 * The paging key the demo made itself, used only when {@code hiway.fhir.paging-key} is not set.
 * Outside the demo no bean of this type exists, and the gateway refuses to start without the
 * setting: links sealed with a key only one instance knows would fail on every other instance and
 * after every restart. Called once, at start; never returns null.
 */
@FunctionalInterface
public interface DemoPagingKeys {

  /** The demo's key, 32 bytes, made on first use and the same at every later start. */
  byte[] pagingKey();
}
