package io.switchboard.server.api;

import static io.switchboard.server.api.HistoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Who may use the history API at all: tokens and roles, on every endpoint. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryApiAuthTest {

  static final List<String> PROTECTED = List.of("/api/calls", "/api/calls.csv", "/api/calls/c-1",
      "/api/calls/c-1/recording", "/api/audit");

  Path dataDir;

  HistoryFixture fixture;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    dataDir = dir;
    fixture = HistoryFixture.start(vertx, dataDir);
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  @Test
  void everyEndpointWithoutAToken_is401WithBearerChallenge() throws Exception {
    for (String uri : PROTECTED) {
      HttpResponse<Buffer> response = fixture.anonymous(uri);

      assertThat(response.statusCode()).as(uri).isEqualTo(401);
      assertThat(response.getHeader("WWW-Authenticate")).as(uri).startsWith("Bearer");
      assertThat(response.bodyAsJsonObject().getString("error")).as(uri).contains("Bearer");
    }
  }

  @Test
  void garbageForgedOrNonBearerCredentials_are401WithTheReason() throws Exception {
    String forged = JWTAuth.create(fixture.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
            .setAlgorithm("HS256").setBuffer("a different secret that is long enough")))
        .generateToken(new JsonObject().put("sub", "a-sam").put("username", "sam")
            .put("roles", new JsonArray().add("admin")).put("iss", "switchboard").put("aud", "switchboard-agent"),
            new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(3600));

    for (String uri : PROTECTED) {
      HttpResponse<Buffer> garbage = await(fixture.client.get(uri).putHeader("Authorization", "Bearer nonsense")
          .send());
      HttpResponse<Buffer> otherKey = await(fixture.client.get(uri).putHeader("Authorization", "Bearer " + forged)
          .send());
      HttpResponse<Buffer> basic = await(fixture.client.get(uri).putHeader("Authorization", "Basic c2FtOnNhbQ==")
          .send());

      assertThat(garbage.statusCode()).as(uri).isEqualTo(401);
      assertThat(garbage.bodyAsJsonObject().getString("error")).isEqualTo("invalid token");
      assertThat(otherKey.statusCode()).as(uri).isEqualTo(401);
      assertThat(basic.statusCode()).as(uri).isEqualTo(401);
    }
  }

  @Test
  void accountWithNoRole_is403Everywhere() throws Exception {
    for (String uri : PROTECTED) {
      HttpResponse<Buffer> response = fixture.get(uri, "nora");

      assertThat(response.statusCode()).as(uri).isEqualTo(403);
      assertThat(response.bodyAsJsonObject().getString("error")).contains("roles");
    }
  }

  @Test
  void auditLog_isForAdminsOnly() throws Exception {
    assertThat(fixture.get("/api/audit", "alice").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/audit", "sam").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/audit", "ada").statusCode()).isEqualTo(200);
  }

  @Test
  void loginAnswer_carriesTheRoles() throws Exception {
    HttpResponse<Buffer> login = await(fixture.client.post("/api/login")
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(new JsonObject().put("username", "sam").put("password", HistoryFixture.PASSWORD)
            .encode())));

    assertThat(login.bodyAsJsonObject().getJsonObject("agent").getJsonArray("roles"))
        .isEqualTo(new JsonArray().add("supervisor"));
  }

  @Test
  void openApiDocument_isPublicAndDescribesEveryEndpoint() throws Exception {
    HttpResponse<Buffer> response = fixture.anonymous("/api/openapi.yaml");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/yaml");
    assertThat(response.bodyAsString()).startsWith("openapi: 3.1.0")
        .contains("/api/calls:", "/api/calls.csv:", "/api/calls/{id}:", "/api/calls/{id}/recording:",
            "/api/audit:", "bearerFormat: JWT");
  }
}
