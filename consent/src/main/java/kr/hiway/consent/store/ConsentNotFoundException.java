package kr.hiway.consent.store;

/**
 * No consent with that id belongs to that patient. Whether it exists for another patient is not
 * said, so that ids cannot be probed; the gateway answers 404.
 */
public final class ConsentNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ConsentNotFoundException() {
    super("no such consent for this patient");
  }
}
