package io.switchboard.server.api;

import static io.switchboard.server.api.HistoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * The hand-written contract is a valid OpenAPI 3.1 document (checked against the 3.1 schema that vertx-openapi
 * bundles) and names every operation the API serves. Vert.x 5.0's own contract loader is not used: it refuses
 * response media types other than JSON, text and octet-stream, and this API serves audio/wav, text/csv and YAML.
 */
@ExtendWith(VertxExtension.class)
class OpenApiDocumentTest {

  @Test
  void contract_isValidOpenApi31_withEveryOperation(Vertx vertx) throws Exception {
    JsonObject contract;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(OpenApiResource.RESOURCE)) {
      contract = new JsonObject(new Yaml().<Map<String, Object>>load(in));
    }

    SchemaRepository repository = await(OpenAPIVersion.V3_1.getRepository(vertx, "app:///"));
    OutputUnit result = await(OpenAPIVersion.V3_1.validateContract(vertx, repository, contract));

    assertThat(OpenAPIVersion.fromContract(contract)).isEqualTo(OpenAPIVersion.V3_1);
    assertThat(result.getValid()).as("%s", result.getErrors()).isTrue();
    JsonObject paths = contract.getJsonObject("paths");
    assertThat(paths.fieldNames()).containsExactlyInAnyOrder("/api/openapi.yaml", "/api/calls", "/api/calls.csv",
        "/api/calls/{id}", "/api/calls/{id}/recording", "/api/audit", "/api/customers",
        "/api/customers/by-number/{number}", "/api/customers/{id}", "/api/customers/{id}/history", "/api/incidents",
        "/api/incidents/{id}", "/api/calls/{id}/wrap-up", "/api/dispositions", "/api/dispositions/{code}",
        "/api/voicemails", "/api/voicemails/{id}", "/api/voicemails/{id}/audio", "/api/callbacks",
        "/api/callbacks/{id}", "/api/config", "/api/config/{kind}/{id}", "/api/config/{kind}/{id}/versions",
        "/api/config/{kind}/{id}/rollback", "/api/stats/live", "/api/agents/{id}/not-ready",
        "/api/agents/{id}/logout", "/api/reports/calls", "/api/reports/calls.csv", "/api/reports/fcr",
        "/api/reports/repeats", "/api/reports/ewt", "/api/planner", "/api/users", "/api/users/{id}",
        "/api/users/{id}/password", "/api/lists/import", "/api/quality/forms", "/api/quality/forms/{id}",
        "/api/quality/evaluations", "/api/quality/evaluations/{id}", "/api/quality/evaluations/{id}/acknowledge",
        "/api/quality/evaluations/{id}/dispute", "/api/reports/quality", "/api/replay", "/api/flows/check",
        "/api/flows/simulate", "/api/prompts", "/api/prompts/{lang}/{id}", "/api/ice-servers",
        "/api/web-call/token", "/api/login", "/api/media/echo", "/api/media/echo/{id}");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (method.equals("parameters")) {
          continue;
        }
        assertThat(paths.getJsonObject(path).getJsonObject(method).getString("operationId")).as(path + " " + method)
            .isNotBlank();
      }
    }
    assertThat(paths.getJsonObject("/api/customers").fieldNames()).contains("get", "post");
    assertThat(paths.getJsonObject("/api/incidents/{id}").fieldNames()).contains("get", "patch");
    assertThat(paths.getJsonObject("/api/quality/forms/{id}").fieldNames()).contains("get", "put");
    assertThat(paths.getJsonObject("/api/prompts/{lang}/{id}").fieldNames()).contains("get", "put");
  }
}
