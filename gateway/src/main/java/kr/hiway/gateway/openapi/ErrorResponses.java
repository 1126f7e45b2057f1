package kr.hiway.gateway.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import kr.hiway.vocabulary.ErrorCode;

/**
 * The errors of these APIs as the gateway answers them ({@code error/StaffApiErrors} and the
 * security chains' entry point): FHIR OperationOutcomes in {@code application/fhir+json}, each
 * issue carrying a stable code of {@link ErrorCode}. Stateless.
 */
final class ErrorResponses {

  static final String OPERATION_OUTCOME = "OperationOutcome";
  static final String FHIR_JSON = "application/fhir+json";

  private ErrorResponses() {}

  /** The shared response of each status, by name. */
  private record Answer(String status, String name, String description) {}

  private static final Answer BAD_REQUEST =
      error(
          "400", "BadRequest", "A parameter or the body is not valid", ErrorCode.INVALID_PARAMETER);
  private static final Answer UNAUTHORIZED =
      error(
          "401",
          "Unauthorized",
          "No access token, or one that is expired, revoked or not this gateway's",
          ErrorCode.NOT_AUTHENTICATED,
          ErrorCode.INVALID_TOKEN);
  private static final Answer FORBIDDEN =
      error(
          "403",
          "Forbidden",
          "The token lacks the role or scope this operation needs",
          ErrorCode.INSUFFICIENT_SCOPE);
  private static final Answer NOT_FOUND =
      error("404", "NotFound", "Nothing has that identifier", ErrorCode.NOT_FOUND);
  private static final Answer TOO_MANY =
      error(
          "429",
          "TooManyRequests",
          "Over the rate limit of the token, patient or client; retry after Retry-After seconds",
          ErrorCode.TOO_MANY_REQUESTS);
  private static final Answer INTERNAL =
      error("500", "InternalError", "The request failed unexpectedly", ErrorCode.INTERNAL);
  private static final Answer UNAVAILABLE =
      error(
          "503",
          "Unavailable",
          "The database or the ledger is unavailable for now; retry later",
          ErrorCode.DATABASE_UNAVAILABLE,
          ErrorCode.AUDIT_UNAVAILABLE,
          ErrorCode.LEDGER_INTEGRITY);

  private static final List<Answer> ALL =
      List.of(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, TOO_MANY, INTERNAL, UNAVAILABLE);

  /** Adds the OperationOutcome schema and one shared response per error status. */
  static Components register(Components components) {
    components.addSchemas(OPERATION_OUTCOME, operationOutcome());
    for (Answer e : ALL) {
      ApiResponse response =
          new ApiResponse()
              .description(e.description())
              .content(
                  new Content()
                      .addMediaType(
                          FHIR_JSON,
                          new MediaType()
                              .schema(
                                  new Schema<>()
                                      .$ref("#/components/schemas/" + OPERATION_OUTCOME))));
      if (e == TOO_MANY) {
        response.addHeaderObject(
            "Retry-After", new Header().description("Seconds to wait").schema(new IntegerSchema()));
      }
      components.addResponses(e.name(), response);
    }
    return components;
  }

  /** The errors an operation may answer with, beside what springdoc found. */
  static void addTo(Operation operation, boolean takesInput, boolean byId, boolean secured) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    if (takesInput) {
      add(operation, BAD_REQUEST);
    }
    if (secured) {
      add(operation, UNAUTHORIZED);
      add(operation, FORBIDDEN);
      add(operation, TOO_MANY);
    }
    if (byId) {
      add(operation, NOT_FOUND);
    }
    add(operation, INTERNAL);
    add(operation, UNAVAILABLE);
  }

  private static void add(Operation operation, Answer e) {
    operation
        .getResponses()
        .putIfAbsent(e.status(), new ApiResponse().$ref("#/components/responses/" + e.name()));
  }

  private static Answer error(String status, String name, String text, ErrorCode... codes) {
    StringBuilder description = new StringBuilder(text).append(" (");
    for (int i = 0; i < codes.length; i++) {
      description.append(i == 0 ? "" : ", ").append(codes[i].code());
    }
    return new Answer(status, name, description.append(")").toString());
  }

  private static Schema<?> operationOutcome() {
    Schema<?> coding =
        new ObjectSchema()
            .addProperty("system", new StringSchema().example(ErrorCode.SYSTEM))
            .addProperty("code", new StringSchema().example("HIW-G006"));
    Schema<?> issue =
        new ObjectSchema()
            .addProperty("severity", new StringSchema().example("error"))
            .addProperty("code", new StringSchema().example("invalid"))
            .addProperty(
                "details",
                new ObjectSchema().addProperty("coding", new ArraySchema().items(coding)))
            .addProperty("diagnostics", new StringSchema().example("A message for people"));
    issue.setRequired(List.of("severity", "code", "details"));
    Schema<?> outcome =
        new ObjectSchema()
            .description(
                "A FHIR R4 OperationOutcome (https://hl7.org/fhir/R4/operationoutcome.html); each"
                    + " issue's details.coding holds the gateway's error code.")
            .addProperty("resourceType", new StringSchema()._enum(List.of(OPERATION_OUTCOME)))
            .addProperty("issue", new ArraySchema().items(issue));
    outcome.setRequired(List.of("resourceType", "issue"));
    return outcome;
  }
}
