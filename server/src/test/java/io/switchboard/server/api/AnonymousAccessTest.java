package io.switchboard.server.api;

import static io.switchboard.server.api.HistoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Every operation of the contract that does not say {@code security: []} refuses a request without a token with 401
 * (so a new route cannot be left open by forgetting its auth check), and the ones that do are exactly those meant
 * for the public: the contract itself, the login, and the website widget's call token (origin-checked and
 * rate-limited on its own, docs/protocol.md).
 */
@ExtendWith(VertxExtension.class)
class AnonymousAccessTest {

  static final Set<String> PUBLIC = Set.of("GET /api/openapi.yaml", "POST /api/login", "GET /api/web-call/token");

  @Test
  void everyOperationButTheDeliberatelyPublicOnes_is401WithoutAToken(Vertx vertx, @TempDir Path dataDir)
      throws Exception {
    JsonObject paths;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(OpenApiResource.RESOURCE)) {
      paths = new JsonObject(new Yaml().<Map<String, Object>>load(in)).getJsonObject("paths");
    }
    SwitchboardServer server = await(TestServers.withFakeMedia(vertx, dataDir));
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.httpPort()));
    try {
      List<String> open = new ArrayList<>();
      List<String> checked = new ArrayList<>();
      for (String path : paths.fieldNames()) {
        for (String method : paths.getJsonObject(path).fieldNames()) {
          if (method.equals("parameters")) {
            continue;
          }
          String operation = method.toUpperCase(Locale.ROOT) + " " + path;
          JsonArray security = paths.getJsonObject(path).getJsonObject(method).getJsonArray("security");
          if (security != null && security.isEmpty()) {
            open.add(operation);
            continue;
          }
          // Path parameters get a plausible value; a body is sent where one is expected, so a route that read it
          // before checking the token would still be caught answering something other than 401.
          String uri = path.replaceAll("\\{[^}]+}", "x1");
          HttpResponse<Buffer> response = await(client.request(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)),
              uri).putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{}")));
          assertThat(response.statusCode()).as(operation).isEqualTo(401);
          checked.add(operation);
        }
      }
      assertThat(open).containsExactlyInAnyOrderElementsOf(PUBLIC);
      assertThat(checked).contains("POST /api/media/echo", "GET /api/media/echo/{id}", "DELETE /api/media/echo/{id}",
          "GET /api/ice-servers", "PUT /api/prompts/{lang}/{id}", "POST /api/lists/import");
      assertThat(await(client.get("/health").send()).bodyAsJsonObject().getJsonObject("webrtc")
          .getInteger("sessions")).as("nothing allocated").isZero();
    } finally {
      client.close();
      await(server.stop());
    }
  }
}
