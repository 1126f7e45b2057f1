package kr.hiway.gateway.admin;

import ca.uhn.fhir.context.FhirContext;
import kr.hiway.gateway.fhir.GatewayError;
import kr.hiway.gateway.fhir.GatewayException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the operator and PKI APIs as FHIR {@code OperationOutcome}s with the gateway's codes.
 */
// Before the staff APIs' advice, which applies everywhere (unknown paths included).
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackages = {"kr.hiway.gateway.admin", "kr.hiway.gateway.pki"})
class AdminApiErrors {

  private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

  private final FhirContext fhir;

  AdminApiErrors(FhirContext fhir) {
    this.fhir = fhir;
  }

  @ExceptionHandler(GatewayException.class)
  ResponseEntity<String> gateway(GatewayException e) {
    return ResponseEntity.status(e.getStatusCode())
        .contentType(FHIR_JSON)
        .body(fhir.newJsonParser().encodeResourceToString(e.getOperationOutcome()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
    return of(GatewayError.INVALID_PARAMETER, "The body must be a JSON object.");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<String> mediaType(HttpMediaTypeNotSupportedException e) {
    return of(GatewayError.INVALID_PARAMETER, "The body must be application/json.");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<String> method(HttpRequestMethodNotSupportedException e) {
    return of(GatewayError.METHOD_NOT_ALLOWED, e.getMessage());
  }

  private ResponseEntity<String> of(GatewayError error, String message) {
    return gateway(new GatewayException(error, message));
  }
}
