package kr.hiway.gateway.error;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.servlet.http.HttpServletRequest;
import kr.hiway.vocabulary.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every error the gateway's shape: an {@code OperationOutcome} with a stable code. HAPI's own
 * refusals get the code for their status; anything unexpected is a 500 that reveals nothing of the
 * inside. Expected refusals are not logged.
 */
public final class ErrorShape {

  private static final Logger log = LoggerFactory.getLogger(ErrorShape.class);

  @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
  public BaseServerResponseException toOutcome(HttpServletRequest request, Throwable thrown) {
    boolean read = request == null || "GET".equals(request.getMethod());
    BaseServerResponseException answer = shape(thrown, read);
    if (answer instanceof GatewayException known) {
      Refusals.answered(known.error(), known.getMessage());
    }
    return answer;
  }

  private static BaseServerResponseException shape(Throwable thrown, boolean read) {
    if (thrown instanceof GatewayException known) {
      return known;
    }
    if (databaseGone(thrown)) {
      // Expected while PostgreSQL restarts or fails over: one line, no trace.
      log.warn("the database did not answer in time: {}", thrown.getClass().getSimpleName());
      return unavailable();
    }
    if (thrown instanceof DataFormatException) {
      return new GatewayException(ErrorCode.INVALID_PARAMETER, plain(thrown.getMessage()));
    }
    if (thrown instanceof BaseServerResponseException hapi
        && hapi.getStatusCode() == 400
        && String.valueOf(hapi.getMessage()).startsWith(NO_METHOD)) {
      // HAPI found no method for the request. For a read or search, no search takes this
      // combination of parameters (Immunization has no category): not supported here, not
      // malformed. For any other method (a create, a delete), the interaction is not offered.
      return read
          ? new GatewayException(
              ErrorCode.UNSUPPORTED_PARAMETER,
              "This combination of parameters is not supported here.")
          : new GatewayException(
              ErrorCode.METHOD_NOT_ALLOWED, "The gateway does not offer this interaction.");
    }
    if (thrown instanceof BaseServerResponseException hapi) {
      ErrorCode error =
          switch (hapi.getStatusCode()) {
            case 400, 412, 422 -> ErrorCode.INVALID_PARAMETER;
            case 404, 410 -> ErrorCode.NOT_FOUND;
            case 405, 501 -> ErrorCode.METHOD_NOT_ALLOWED;
            default -> null;
          };
      if (error != null) {
        return new GatewayException(error, plain(hapi.getMessage()));
      }
      if (hapi.getStatusCode() < 500) {
        return hapi;
      }
    }
    log.error("the FHIR API failed to answer a request", thrown);
    return new GatewayException(ErrorCode.INTERNAL, "The gateway could not answer.");
  }

  /** HAPI's message for a request no method takes (its code HAPI-0303). */
  private static final String NO_METHOD = "HAPI-0303: ";

  /**
   * HAPI's message without HAPI's own message code ({@code HAPI-1940: }): a client reads the
   * gateway's code in {@code details}, and one code per answer is less to misread.
   */
  static String plain(String message) {
    return message == null ? null : message.replaceFirst("^HAPI-[0-9]{4}: ", "");
  }

  /** The answer when the database did not answer in time: 503, try again in 2 s. */
  public static GatewayException unavailable() {
    return new GatewayException(
            ErrorCode.DATABASE_UNAVAILABLE, "The database did not answer in time; try again later.")
        .retryAfter(java.time.Duration.ofSeconds(2));
  }

  /**
   * Whether {@code thrown} (or a cause) says the database could not be reached: no connection in
   * time, or one that broke.
   */
  public static boolean databaseGone(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof org.springframework.dao.DataAccessResourceFailureException
          || t instanceof org.springframework.transaction.CannotCreateTransactionException
          || t instanceof java.sql.SQLTransientConnectionException) {
        return true;
      }
    }
    return false;
  }
}
