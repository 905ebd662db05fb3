package io.switchboard.server.api;

import static io.switchboard.server.api.HistoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.routingconfig.FlowSimulationTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The IVR editor's questions: {@code /api/flows/check} and {@code /api/flows/simulate}, admins only, storing nothing. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowTestApiTest {

  HistoryFixture fixture;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
    for (String q : new String[] {"sales", "support"}) {
      HttpResponse<Buffer> r = post("PUT", "/api/config/queue/" + q, new JsonObject().put("name", q), "ada");
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    }
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  HttpResponse<Buffer> post(String method, String uri, JsonObject body, String user) throws Exception {
    return await(fixture.as(fixture.client.request(io.vertx.core.http.HttpMethod.valueOf(method), uri), user)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body.encode())));
  }

  @Test
  void simulate_walksTheDraftWithTheRoutingEngine_andStoresNothing() throws Exception {
    HttpResponse<Buffer> r = post("POST", "/api/flows/simulate", new JsonObject()
        .put("flow", FlowSimulationTest.hotline()).put("digits", "2").put("at", "2026-12-07T09:30:00Z"), "ada");

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("step")).isEqualTo("support");
    assertThat(r.bodyAsJsonObject().getString("phase")).isEqualTo("queued");
    assertThat(fixture.server.routingConfig().current().flows()).doesNotContainKey("hotline");
  }

  @Test
  void check_namesThePathThatReachesNoHuman() throws Exception {
    JsonObject flow = FlowSimulationTest.hotline();
    flow.getJsonObject("steps").getJsonObject("main").getJsonObject("options").put("4", "bye");
    flow.getJsonObject("steps").put("bye", new JsonObject().put("type", "hangup"));

    HttpResponse<Buffer> r = post("POST", "/api/flows/check", new JsonObject().put("id", "hotline").put("flow", flow),
        "ada");

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("problems").encode()).contains("cannot reach a human")
        .contains("step 'bye'");
  }

  @Test
  void badInput_is422_andNonAdminsAreRefused() throws Exception {
    assertThat(post("POST", "/api/flows/simulate", new JsonObject().put("flow", FlowSimulationTest.hotline())
        .put("digits", "12a"), "ada").statusCode()).isEqualTo(422);
    assertThat(post("POST", "/api/flows/simulate", new JsonObject().put("flow", FlowSimulationTest.hotline())
        .put("at", "yesterday"), "ada").statusCode()).isEqualTo(422);
    assertThat(post("POST", "/api/flows/simulate", new JsonObject().put("flow", FlowSimulationTest.hotline()),
        "sam").statusCode()).isEqualTo(403);
  }
}
