package kr.hiway.gateway.error;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
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
  public BaseServerResponseException toOutcome(Throwable thrown) {
    BaseServerResponseException answer = shape(thrown);
    if (answer instanceof GatewayException known) {
      Refusals.answered(known.error(), known.getMessage());
    }
    return answer;
  }

  private static BaseServerResponseException shape(Throwable thrown) {
    if (thrown instanceof GatewayException known) {
      return known;
    }
    if (databaseGone(thrown)) {
      // Expected while PostgreSQL restarts or fails over: one line, no trace.
      log.warn("the database did not answer in time: {}", thrown.getClass().getSimpleName());
      return unavailable();
    }
    if (thrown instanceof DataFormatException) {
      return new GatewayException(ErrorCode.INVALID_PARAMETER, thrown.getMessage());
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
        return new GatewayException(error, hapi.getMessage());
      }
      if (hapi.getStatusCode() < 500) {
        return hapi;
      }
    }
    log.error("the FHIR API failed to answer a request", thrown);
    return new GatewayException(ErrorCode.INTERNAL, "The gateway could not answer.");
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
