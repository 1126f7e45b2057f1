package kr.hiway.gateway.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Gives each operation springdoc found its security requirement and tag ({@link ApiAccess}) and the
 * OperationOutcome errors it may answer with ({@link ErrorResponses}). Stateless.
 */
final class AccessAndErrors implements OpenApiCustomizer {

  @Override
  public void customise(OpenAPI api) {
    if (api.getPaths() == null) {
      return;
    }
    TreeSet<String> tags = new TreeSet<>();
    for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> operation :
          path.getValue().readOperationsMap().entrySet()) {
        Optional<ApiAccess> access = ApiAccess.of(operation.getKey().name(), path.getKey());
        describe(path.getKey(), operation.getValue(), access);
        access.ifPresent(a -> tags.add(a.tag()));
      }
    }
    api.setTags(tags.stream().map(name -> new Tag().name(name)).toList());
  }

  private static void describe(String path, Operation operation, Optional<ApiAccess> access) {
    boolean secured = access.map(a -> !a.isPublic()).orElse(false);
    access.ifPresent(a -> operation.setTags(List.of(a.tag())));
    if (secured) {
      ApiAccess a = access.get();
      operation.setSecurity(List.of(new SecurityRequirement().addList(a.scheme(), a.scopes())));
    } else {
      // Public: an empty requirement says so explicitly.
      operation.setSecurity(List.of());
    }
    boolean takesInput =
        operation.getRequestBody() != null
            || (operation.getParameters() != null && !operation.getParameters().isEmpty());
    ErrorResponses.addTo(operation, takesInput, path.contains("{"), secured);
  }
}
