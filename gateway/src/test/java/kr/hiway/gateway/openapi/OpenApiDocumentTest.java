package kr.hiway.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kr.hiway.gateway.account.StaffAccounts;
import kr.hiway.gateway.account.StaffRole;
import kr.hiway.gateway.testing.SmartLogin;
import kr.hiway.gateway.testing.TestJwks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served OpenAPI document against the running gateway: it lists exactly the API handlers of
 * Spring MVC (not the HTML pages, not Spring's or springdoc's own), and what it says about each
 * operation's security is what the filter chains do, found by calling every operation over HTTP
 * without a token, with the described role's token and with another role's.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:openapi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hiway.demo.enabled=false",
      "hiway.pki.demo-folder=target/test-pki-openapi"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {

  @DynamicPropertySource
  static void signingKeys(DynamicPropertyRegistry registry) {
    TestJwks.register(registry); // the demo, off here, would otherwise provide them
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @LocalServerPort int port;
  @Autowired StaffAccounts staff;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  final HttpClient http = HttpClient.newHttpClient();
  final java.util.EnumMap<StaffRole, String> tokens = new java.util.EnumMap<>(StaffRole.class);
  String base;
  JsonNode document;

  /** One operation of the document: its method, path and what it says about security. */
  record Described(String method, String path, JsonNode operation) {
    String key() {
      return method.toUpperCase() + " " + path;
    }

    List<String> schemes() {
      List<String> out = new ArrayList<>();
      operation.path("security").forEach(r -> r.propertyNames().forEach(out::add));
      return out;
    }

    List<String> scopes(String scheme) {
      List<String> out = new ArrayList<>();
      operation.path("security").forEach(r -> r.path(scheme).forEach(s -> out.add(s.asString())));
      return out;
    }
  }

  @BeforeAll
  void setUp() throws Exception {
    base = "http://localhost:" + port;
    for (StaffRole role : StaffRole.values()) {
      String user = "openapi-" + role.code();
      staff.createIfAbsent(user, user, role);
      tokens.put(
          role,
          new SmartLogin(base)
              .signIn("hiway-console", user, user, "openid " + role.code())
              .accessToken());
    }
    HttpResponse<String> served = send("GET", "/v3/api-docs", null);
    assertThat(served.statusCode()).isEqualTo(200);
    document = JSON.readTree(served.body());
  }

  @Test
  void apiDocsWhenFetchedThenListsEveryApiHandlerAndNothingElse() {
    Set<String> handlers = new TreeSet<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      HandlerMethod handler = e.getValue();
      if (!handler.getBeanType().getPackageName().startsWith("kr.hiway.gateway")
          || !(AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
              || handler.hasMethodAnnotation(ResponseBody.class))) {
        continue; // Spring's and springdoc's own handlers, and the HTML pages
      }
      assertThat(e.getKey().getMethodsCondition().getMethods())
          .as("%s names its method", handler)
          .isNotEmpty();
      for (String path : e.getKey().getPatternValues()) {
        e.getKey().getMethodsCondition().getMethods().forEach(m -> handlers.add(m + " " + path));
      }
    }

    assertThat(handlers).contains("GET /admin/hospitals", "POST /trust-center/reidentifications");
    assertThat(described().stream().map(Described::key).toList())
        .containsExactlyInAnyOrderElementsOf(handlers);
    assertThat(document.path("openapi").asString()).startsWith("3.");
    assertThat(document.path("paths").propertyNames()).noneMatch(p -> p.startsWith("/fhir"));
    assertThat(document.path("info").path("description").asString()).contains("/fhir/metadata");
  }

  @Test
  void apiDocsWhenReadThenEveryRequirementAndErrorPointsAtWhatTheDocumentDefines() {
    JsonNode components = document.path("components");
    JsonNode staffScopes =
        components.path("securitySchemes").path("staff").path("flows").path("authorizationCode");
    assertThat(staffScopes.path("authorizationUrl").asString()).endsWith("/oauth2/authorize");
    assertThat(staffScopes.path("tokenUrl").asString()).endsWith("/oauth2/token");
    assertThat(components.path("schemas").has("OperationOutcome")).isTrue();
    for (Described d : described()) {
      for (String scheme : d.schemes()) {
        assertThat(components.path("securitySchemes").has(scheme)).as(d.key()).isTrue();
        JsonNode flowScopes =
            components
                .path("securitySchemes")
                .path(scheme)
                .path("flows")
                .path("authorizationCode")
                .path("scopes");
        d.scopes(scheme).forEach(s -> assertThat(flowScopes.has(s)).as(d.key()).isTrue());
      }
      assertThat(d.operation().path("tags")).as(d.key()).hasSize(1);
      d.operation()
          .path("responses")
          .forEach(response -> {
            String ref = response.path("$ref").asString("");
            if (!ref.isEmpty()) {
              String name = ref.substring(ref.lastIndexOf('/') + 1);
              assertThat(components.path("responses").has(name)).as(d.key() + " " + ref).isTrue();
            }
          });
      assertThat(d.operation().path("responses").has("500")).as(d.key()).isTrue();
    }
    JsonNode unauthorized = components.path("responses").path("Unauthorized");
    assertThat(unauthorized.path("description").asString()).contains("HIW-G001");
    assertThat(unauthorized.path("content").path("application/fhir+json").isObject()).isTrue();
  }

  @Test
  void everyOperationWhenCalledWithoutTokenThenRefusedExactlyWhenDescribedAsSecured()
      throws Exception {
    List<String> publicOnes = new ArrayList<>();
    for (Described d : described()) {
      HttpResponse<String> answer = send(d.method(), d.path(), null);
      if (d.schemes().isEmpty()) {
        publicOnes.add(d.key());
        assertThat(answer.statusCode()).as(d.key()).isNotIn(401, 403);
      } else {
        assertThat(answer.statusCode()).as(d.key()).isEqualTo(401);
        assertThat(answer.body()).as(d.key()).contains("OperationOutcome", "HIW-G001");
      }
    }
    assertThat(publicOnes)
        .containsExactlyInAnyOrder(
            "GET /ledger/checkpoint", "GET /ledger/key", "GET /pki/ca.pem", "GET /pki/crl");
  }

  @Test
  void everyStaffOperationWhenCalledWithTheDescribedRoleThenPassesAndWithAnotherThenForbidden()
      throws Exception {
    int checked = 0;
    for (Described d : described()) {
      if (!d.schemes().contains("staff")) {
        continue;
      }
      List<String> roles = d.scopes("staff");
      assertThat(roles).as(d.key()).hasSize(1);
      StaffRole role = StaffRole.ofCode(roles.getFirst()).orElseThrow();
      StaffRole other = role == StaffRole.OPERATOR ? StaffRole.REGULATOR : StaffRole.OPERATOR;
      assertThat(send(d.method(), d.path(), tokens.get(role)).statusCode())
          .as(d.key() + " as " + role)
          .isNotIn(401, 403);
      HttpResponse<String> refused = send(d.method(), d.path(), tokens.get(other));
      assertThat(refused.statusCode()).as(d.key() + " as " + other).isEqualTo(403);
      checked++;
    }
    assertThat(checked).isGreaterThan(15);
  }

  @Test
  void accountOperationsWhenDescribedThenNeedThePatientScheme() {
    List<Described> account =
        described().stream().filter(d -> d.path().startsWith("/api/account")).toList();
    assertThat(account).isNotEmpty();
    assertThat(account).allSatisfy(d -> assertThat(d.schemes()).containsExactly("patient"));
  }

  private List<Described> described() {
    List<Described> out = new ArrayList<>();
    document
        .path("paths")
        .properties()
        .forEach(path ->
            path.getValue()
                .properties()
                .forEach(op -> {
                  if (METHODS.contains(op.getKey())) {
                    out.add(new Described(op.getKey(), path.getKey(), op.getValue()));
                  }
                }));
    return out;
  }

  /** The operation with each path variable filled in, a JSON object as any body. */
  private HttpResponse<String> send(String method, String path, String token)
      throws IOException, InterruptedException {
    String concrete = path.replaceAll("\\{[^}]+}", "unknown");
    boolean body = method.equalsIgnoreCase("post") || method.equalsIgnoreCase("put");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + concrete))
            .method(
                method.toUpperCase(),
                body
                    ? HttpRequest.BodyPublishers.ofString("{}")
                    : HttpRequest.BodyPublishers.noBody());
    if (body) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
