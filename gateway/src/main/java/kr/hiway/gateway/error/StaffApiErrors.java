package kr.hiway.gateway.error;

import ca.uhn.fhir.context.FhirContext;
import kr.hiway.consent.ledger.LedgerCorruptionException;
import kr.hiway.vocabulary.ErrorCode;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Errors of the staff APIs as FHIR {@code OperationOutcome}s with the gateway's error codes, like
 * every other error of the gateway. It applies to every Spring MVC handler, since those are the
 * staff APIs only (the FHIR API is HAPI's), and so also to unknown paths and methods below them.
 */
@RestControllerAdvice
class StaffApiErrors {

  private static final Logger log = LoggerFactory.getLogger(StaffApiErrors.class);
  private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

  private final FhirContext fhir;

  StaffApiErrors(FhirContext fhir) {
    this.fhir = fhir;
  }

  @ExceptionHandler(GatewayException.class)
  ResponseEntity<String> gateway(GatewayException e) {
    Refusals.answered(e.error(), e.getMessage());
    IBaseOperationOutcome outcome = e.getOperationOutcome();
    return ResponseEntity.status(e.getStatusCode())
        .contentType(FHIR_JSON)
        .body(fhir.newJsonParser().encodeResourceToString(outcome));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<String> invalid(IllegalArgumentException e) {
    return of(ErrorCode.INVALID_PARAMETER, e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
    return of(ErrorCode.INVALID_PARAMETER, "The body must be a JSON object.");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<String> mediaType(HttpMediaTypeNotSupportedException e) {
    return of(ErrorCode.INVALID_PARAMETER, "The body must be application/json.");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<String> method(HttpRequestMethodNotSupportedException e) {
    return of(ErrorCode.METHOD_NOT_ALLOWED, e.getMessage());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<String> unknown(NoResourceFoundException e) {
    return of(ErrorCode.NOT_FOUND, "No such resource: /" + e.getResourcePath());
  }

  @ExceptionHandler(LedgerCorruptionException.class)
  ResponseEntity<String> corrupt(LedgerCorruptionException e) {
    log.error("the consent ledger is damaged", e);
    return of(ErrorCode.INTERNAL, "The ledger is damaged: " + e.getMessage());
  }

  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<String> database(DataAccessException e) {
    if (ErrorShape.databaseGone(e)) {
      log.warn("the database did not answer in time: {}", e.getClass().getSimpleName());
      return gateway(ErrorShape.unavailable());
    }
    log.error("the consent ledger could not be read", e);
    return of(ErrorCode.AUDIT_UNAVAILABLE, "The ledger is unavailable; try again later.");
  }

  /** Anything else: a 500 with no detail for the client, the detail in the log. */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<String> unexpected(RuntimeException e) {
    log.error("a staff API request failed", e);
    return of(ErrorCode.INTERNAL, "The request failed; the operators have been told.");
  }

  private ResponseEntity<String> of(ErrorCode error, String message) {
    return gateway(new GatewayException(error, message));
  }
}
