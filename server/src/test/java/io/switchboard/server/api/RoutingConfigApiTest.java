package io.switchboard.server.api;

import static io.switchboard.server.api.HistoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/config}: roles, versions, optimistic concurrency, validation, and the change applied live. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingConfigApiTest {

  HistoryFixture fixture;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  HttpResponse<Buffer> send(String method, String uri, String username, String body, String ifMatch)
      throws Exception {
    HttpRequest<Buffer> request = fixture.as(fixture.client.request(HttpMethod.valueOf(method), uri), username);
    if (ifMatch != null) {
      request.putHeader("If-Match", ifMatch);
    }
    return body == null ? await(request.send())
        : await(request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
  }

  HttpResponse<Buffer> put(String uri, JsonObject doc, String ifMatch) throws Exception {
    return send("PUT", uri, "ada", doc.encode(), ifMatch);
  }

  @Test
  void adminCreatesAndChangesAQueue_versionsInETag_appliedLive() throws Exception {
    HttpResponse<Buffer> created = put("/api/config/queue/q-live", new JsonObject().put("name", "Live"), null);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.getHeader("ETag")).isEqualTo("\"1\"");
    assertThat(created.bodyAsJsonObject().getString("author")).isEqualTo("a-ada");
    assertThat(created.bodyAsJsonObject().getJsonObject("document").getString("name")).isEqualTo("Live");

    HttpResponse<Buffer> changed = put("/api/config/queue/q-live", new JsonObject().put("name", "Live 2")
        .put("strategy", "ring-all"), "\"1\"");
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(changed.getHeader("ETag")).isEqualTo("\"2\"");

    var live = fixture.server.routingConfig().current();
    assertThat(live.revision()).isEqualTo(changed.bodyAsJsonObject().getLong("revision"));
    assertThat(live.queue("q-live").orElseThrow().strategy().name()).isEqualTo("ring-all");
    assertThat(live.queueNames()).containsEntry("q-live", "Live 2");

    HttpResponse<Buffer> read = fixture.get("/api/config/queue/q-live", "sam");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject().getLong("version")).isEqualTo(2);
    JsonObject all = fixture.get("/api/config", "sam").bodyAsJsonObject();
    assertThat(all.getLong("revision")).isEqualTo(live.revision());
    assertThat(all.getJsonObject("documents").getJsonArray("queue").stream()
        .map(q -> ((JsonObject) q).getString("id"))).contains("q-live");
    assertThat(all.getJsonObject("documents").fieldNames())
        .contains("queue", "agent", "group", "flow", "entry-points", "settings");
  }

  @Test
  void staleIfMatchOrExpectedVersion_is409_andChangesNothing() throws Exception {
    put("/api/config/queue/q-race", new JsonObject().put("name", "One"), null);
    put("/api/config/queue/q-race", new JsonObject().put("name", "Two"), "\"1\"");

    HttpResponse<Buffer> stale = put("/api/config/queue/q-race", new JsonObject().put("name", "Lost"), "\"1\"");
    HttpResponse<Buffer> staleQuery = put("/api/config/queue/q-race?expectedVersion=1",
        new JsonObject().put("name", "Lost"), null);

    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.bodyAsJsonObject().getLong("currentVersion")).isEqualTo(2);
    assertThat(staleQuery.statusCode()).isEqualTo(409);
    assertThat(fixture.get("/api/config/queue/q-race", "ada").bodyAsJsonObject().getJsonObject("document")
        .getString("name")).isEqualTo("Two");
  }

  @Test
  void versions_rollback_delete_andRollbackOfTheDelete() throws Exception {
    put("/api/config/queue/q-roll", new JsonObject().put("name", "First"), null);
    put("/api/config/queue/q-roll", new JsonObject().put("name", "Second"), null);

    JsonArray versions = fixture.get("/api/config/queue/q-roll/versions", "sam").bodyAsJsonObject()
        .getJsonArray("items");
    assertThat(versions.stream().map(v -> ((JsonObject) v).getLong("version"))).containsExactly(2L, 1L);

    HttpResponse<Buffer> rolled = send("POST", "/api/config/queue/q-roll/rollback", "ada", null, "\"2\"");
    assertThat(rolled.statusCode()).as(rolled.bodyAsString()).isEqualTo(200);
    assertThat(rolled.bodyAsJsonObject().getLong("version")).isEqualTo(3);
    assertThat(rolled.bodyAsJsonObject().getJsonObject("document").getString("name")).isEqualTo("First");
    assertThat(fixture.server.routingConfig().current().queueNames()).containsEntry("q-roll", "First");

    HttpResponse<Buffer> deleted = send("DELETE", "/api/config/queue/q-roll", "ada", null, null);
    assertThat(deleted.statusCode()).as(deleted.bodyAsString()).isEqualTo(200);
    assertThat(deleted.bodyAsJsonObject().getBoolean("deleted")).isTrue();
    assertThat(fixture.get("/api/config/queue/q-roll", "ada").statusCode()).isEqualTo(404);
    assertThat(fixture.server.routingConfig().current().queueNames()).doesNotContainKey("q-roll");

    HttpResponse<Buffer> restored = send("POST", "/api/config/queue/q-roll/rollback", "ada", "{}", null);
    assertThat(restored.statusCode()).as(restored.bodyAsString()).isEqualTo(200);
    assertThat(restored.bodyAsJsonObject().getLong("version")).isEqualTo(5);
    assertThat(fixture.server.routingConfig().current().queueNames()).containsEntry("q-roll", "First");

    HttpResponse<Buffer> toSecond = send("POST", "/api/config/queue/q-roll/rollback", "ada",
        new JsonObject().put("toVersion", 2).encode(), null);
    assertThat(toSecond.bodyAsJsonObject().getJsonObject("document").getString("name")).isEqualTo("Second");
  }

  @Test
  void invalidDocument_is422WithEveryProblem_andNothingStored() throws Exception {
    long revision = fixture.server.routingConfig().current().revision();

    HttpResponse<Buffer> refused = put("/api/config/queue/q-bad", new JsonObject().put("strategy", "fastest")
        .put("whenFull", new JsonObject().put("kind", "queue").put("queue", "salez")), null);

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsJsonObject().getJsonArray("problems").getList()).contains(
        "queue q-bad: whenFull names unknown queue 'salez'");
    assertThat(refused.bodyAsJsonObject().getJsonArray("problems")).hasSize(2);
    assertThat(fixture.get("/api/config/queue/q-bad", "ada").statusCode()).isEqualTo(404);
    assertThat(fixture.server.routingConfig().current().revision()).isEqualTo(revision);
  }

  @Test
  void rolesAndTokens() throws Exception {
    assertThat(fixture.anonymous("/api/config").statusCode()).isEqualTo(401);
    assertThat(fixture.get("/api/config", "alice").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/config/queue/x", "nora").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/config", "sam").statusCode()).isEqualTo(200);
    assertThat(send("PUT", "/api/config/queue/q-roles", "sam", "{}", null).statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/api/config/queue/q-roles", "alice", "{}", null).statusCode()).isEqualTo(403);
    assertThat(send("DELETE", "/api/config/queue/q-roles", "sam", null, null).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/config/queue/q-roles/rollback", "sam", null, null).statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/api/config/queue/q-roles", null, "{}", null).statusCode()).isEqualTo(401);
    assertThat(fixture.get("/api/config/queue/q-roles", "ada").statusCode()).isEqualTo(404);
  }

  @Test
  void badRequests_areClear4xx_andChangeNothing() throws Exception {
    long revision = fixture.server.routingConfig().current().revision();

    assertError(send("PUT", "/api/config/queue/q-x", "ada", "{\"name\": ", null), 400, "not well-formed JSON");
    assertError(send("PUT", "/api/config/queue/q-x", "ada", "[1, 2]", null), 400, "JSON object");
    assertError(send("PUT", "/api/config/queue/q-x", "ada", "", null), 400, "JSON object");
    assertError(send("PUT", "/api/config/skills/q-x", "ada", "{}", null), 404, "unknown kind");
    assertError(fixture.get("/api/config/skills/q-x", "ada"), 404, "unknown kind");
    assertError(send("PUT", "/api/config/queue/-x", "ada", "{}", null), 400, "id must be");
    assertError(send("PUT", "/api/config/settings/other", "ada", "{}", null), 404, "'default'");
    assertError(send("PUT", "/api/config/queue/q-x", "ada", "{\"id\": \"q-y\"}", null), 400, "differs");
    assertError(send("PUT", "/api/config/queue/q-x", "ada", "{\"a.b\": 1}", null), 400, "field name");
    assertError(send("PUT", "/api/config/queue/q-x", "ada", "{}", "soon"), 400, "If-Match");
    assertError(send("PUT", "/api/config/queue/q-x?expectedVersion=-1", "ada", "{}", null), 400, "expectedVersion");
    assertError(send("POST", "/api/config/queue/q-x/rollback", "ada", "{\"to\": 1}", null), 400, "unknown field");
    assertError(send("POST", "/api/config/queue/q-x/rollback", "ada", null, null), 404, "no queue q-x");
    assertError(send("DELETE", "/api/config/queue/q-x", "ada", null, null), 404, "no queue q-x");
    String huge = new JsonObject().put("name", "x".repeat(70 * 1024)).encode();
    assertThat(send("PUT", "/api/config/queue/q-x", "ada", huge, null).statusCode()).isEqualTo(413);

    assertThat(fixture.get("/api/config/queue/q-x", "ada").statusCode()).isEqualTo(404);
    assertThat(fixture.server.routingConfig().current().revision()).isEqualTo(revision);
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String text) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("error")).contains(text);
  }
}
