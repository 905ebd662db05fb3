package io.switchboard.server.api;

import static io.switchboard.server.api.HistoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
 * "A supervisor hears their groups' calls" through the real server: without groups every supervisor hears every
 * call; once the routing configuration puts alice (and not bob) in sam's group, live and without a restart, sam
 * hears alice's recording and is refused bob's.
 */
@ExtendWith(VertxExtension.class)
class SupervisorGroupsRecordingTest {

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
  void aSupervisorHearsOnlyTheirGroupsCalls_onceGroupsAreConfigured() throws Exception {
    // No group configured: a contact center without teams, every supervisor hears everyone.
    assertThat(fixture.get("/api/calls/c-1/recording", "sam").statusCode()).isEqualTo(200);
    assertThat(fixture.get("/api/calls/c-2/recording", "sam").statusCode()).isEqualTo(200);

    put("queue", "support", new JsonObject().put("name", "Support"));
    put("agent", "a-alice", new JsonObject().put("queues", new JsonArray().add("support")));
    put("agent", "a-bob", new JsonObject().put("queues", new JsonArray().add("support")));
    put("group", "g-kyiv", new JsonObject().put("name", "Kyiv").put("members", new JsonArray().add("a-alice"))
        .put("supervisors", new JsonArray().add("a-sam")));

    assertThat(fixture.get("/api/calls/c-1/recording", "sam").statusCode()).as("alice is in sam's group")
        .isEqualTo(200);
    assertThat(fixture.get("/api/calls/c-2/recording", "sam").statusCode()).as("bob is not").isEqualTo(403);
    assertThat(fixture.get("/api/calls/c-2/recording", "ada").statusCode()).as("an admin hears every call")
        .isEqualTo(200);
  }

  private void put(String kind, String id, JsonObject document) throws Exception {
    HttpResponse<Buffer> r = await(fixture.client.put("/api/config/" + kind + "/" + id)
        .putHeader("Authorization", "Bearer " + fixture.token("ada"))
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(document.encode())));
    assertThat(r.statusCode()).as(kind + " " + id + ": " + r.bodyAsString()).isIn(200, 201);
  }
}
