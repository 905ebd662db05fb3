package io.switchboard.server.api;

import static io.switchboard.server.api.HistoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervisor evaluates and reads the evaluations of their groups' agents only, as they hear only their calls:
 * once alice (not bob) is in sam's group, sam scores alice's call, is refused bob's, and no longer sees the
 * evaluation of bob's call an admin made.
 */
@ExtendWith(VertxExtension.class)
class QualityGroupsTest {

  private HistoryFixture fixture;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
  }

  @AfterEach
  void stop() throws Exception {
    fixture.stop();
  }

  @Test
  void aSupervisorScoresAndReadsOnlyTheirGroupsAgents() throws Exception {
    assertThat(send(HttpMethod.POST, "/api/quality/forms", "ada", QualityApiTest.form("groups")).statusCode())
        .isEqualTo(201);
    HttpResponse<Buffer> byAdmin = send(HttpMethod.POST, "/api/quality/evaluations", "ada",
        QualityApiTest.evaluation("c-2", "groups", "yes", "yes", 5));
    assertThat(byAdmin.statusCode()).as(byAdmin.bodyAsString()).isEqualTo(201);
    String bobs = byAdmin.bodyAsJsonObject().getString("id");

    config("queue", "support", new JsonObject().put("name", "Support"));
    config("agent", "a-alice", new JsonObject().put("queues", new JsonArray().add("support")));
    config("agent", "a-bob", new JsonObject().put("queues", new JsonArray().add("support")));
    config("group", "g-kyiv", new JsonObject().put("name", "Kyiv").put("members", new JsonArray().add("a-alice"))
        .put("supervisors", new JsonArray().add("a-sam")));

    assertThat(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        QualityApiTest.evaluation("c-1", "groups", "yes", "yes", 5)).statusCode()).as("alice is in sam's group")
        .isEqualTo(201);
    assertThat(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        QualityApiTest.evaluation("c-2", "groups", "yes", "yes", 5)).statusCode()).as("bob is not").isEqualTo(403);
    assertThat(fixture.get("/api/quality/evaluations/" + bobs, "sam").statusCode()).isEqualTo(403);
    JsonArray seen = fixture.get("/api/quality/evaluations", "sam").bodyAsJsonObject().getJsonArray("items");
    assertThat(seen.stream().map(e -> ((JsonObject) e).getJsonObject("agent").getString("id")))
        .containsExactly("a-alice");
    assertThat(fixture.get("/api/quality/evaluations", "ada").bodyAsJsonObject().getJsonArray("items")).hasSize(2);
  }

  private HttpResponse<Buffer> send(HttpMethod method, String uri, String username, JsonObject body)
      throws Exception {
    return await(fixture.as(fixture.client.request(method, uri), username)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body.encode())));
  }

  private void config(String kind, String id, JsonObject document) throws Exception {
    HttpResponse<Buffer> r = send(HttpMethod.PUT, "/api/config/" + kind + "/" + id, "ada", document);
    assertThat(r.statusCode()).as(kind + " " + id + ": " + r.bodyAsString()).isIn(200, 201);
  }
}
