package kr.hiway.adapter.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import kr.hiway.vocabulary.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every error response the adapter's shape: an {@code OperationOutcome} with a stable code.
 * Errors raised by HAPI itself (an unknown parameter, a malformed date) get the code for their
 * status; anything unexpected becomes a 500 whose message reveals nothing of the inside.
 */
final class ErrorInterceptor {

  private static final Logger log = LoggerFactory.getLogger(ErrorInterceptor.class);

  private final String hospitalCode;

  ErrorInterceptor(String hospitalCode) {
    this.hospitalCode = hospitalCode;
  }

  @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
  public BaseServerResponseException toOutcome(Throwable thrown) {
    if (thrown instanceof AdapterException known) {
      return known;
    }
    if (thrown instanceof DataFormatException) {
      // HAPI raises it while parsing a malformed parameter value (a date, a quantity).
      return new AdapterException(ErrorCode.ADAPTER_INVALID_PARAMETER, thrown.getMessage());
    }
    if (thrown instanceof BaseServerResponseException hapi) {
      ErrorCode error =
          switch (hapi.getStatusCode()) {
            case 400, 412, 422 -> ErrorCode.ADAPTER_INVALID_PARAMETER;
            case 404, 410 -> ErrorCode.ADAPTER_NOT_FOUND;
            case 405, 501 -> ErrorCode.ADAPTER_METHOD_NOT_ALLOWED;
            default -> null;
          };
      if (error != null) {
        return new AdapterException(error, hapi.getMessage());
      }
      if (hapi.getStatusCode() < 500) {
        return hapi;
      }
    }
    // Unexpected: the cause goes to the log (no patient data is in an exception of ours), the
    // client gets no detail of it.
    log.error("adapter {} failed to answer a request", hospitalCode, thrown);
    return new AdapterException(ErrorCode.ADAPTER_INTERNAL, "The adapter could not answer.");
  }
}
