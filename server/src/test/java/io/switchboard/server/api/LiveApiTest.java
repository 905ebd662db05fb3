package io.switchboard.server.api;

import static io.switchboard.server.api.HistoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live API and the wallboard socket through the real server: who may read the figures and act on agents, what a
 * supervisor of one group sees, what bad requests get; the socket's authentication and first snapshot.
 */
@ExtendWith(VertxExtension.class)
class LiveApiTest {

  private HistoryFixture fixture;
  private WebSocketClient sockets;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
    sockets = vertx.createWebSocketClient();
  }

  @AfterEach
  void stop() throws Exception {
    await(sockets.close());
    fixture.stop();
  }

  @Test
  void liveStats_supervisorsAndAdminsOnly() throws Exception {
    assertThat(fixture.anonymous("/api/stats/live").statusCode()).isEqualTo(401);
    assertThat(fixture.get("/api/stats/live", "alice").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/stats/live", "nora").statusCode()).isEqualTo(403);
    HttpResponse<Buffer> sam = fixture.get("/api/stats/live", "sam");
    assertThat(sam.statusCode()).isEqualTo(200);
    assertThat(sam.bodyAsJsonObject().fieldNames()).contains("at", "day", "timeZone", "queues", "total", "agents",
        "notReadyReasons");
    assertThat(sam.bodyAsJsonObject().getString("timeZone")).isEqualTo(java.time.ZoneId.systemDefault().getId());
    assertThat(fixture.get("/api/stats/live", "ada").statusCode()).isEqualTo(200);
  }

  @Test
  void aSupervisorOfOneGroup_seesAndActsOnItsAgentsOnly() throws Exception {
    put("queue", "support", new JsonObject().put("name", "Support").put("serviceLevelSeconds", 15));
    put("queue", "sales", new JsonObject().put("name", "Sales"));
    put("agent", "a-alice", new JsonObject().put("queues", new JsonArray().add("support")));
    put("agent", "a-bob", new JsonObject().put("queues", new JsonArray().add("sales")));
    put("group", "g-kyiv", new JsonObject().put("name", "Kyiv").put("members", new JsonArray().add("a-alice"))
        .put("supervisors", new JsonArray().add("a-sam")));

    JsonObject sam = fixture.get("/api/stats/live", "sam").bodyAsJsonObject();
    assertThat(ids(sam.getJsonArray("agents"))).containsExactly("a-alice");
    assertThat(ids(sam.getJsonArray("queues"))).containsExactly("support");
    assertThat(sam.getJsonArray("queues").getJsonObject(0).getInteger("serviceLevelSeconds")).isEqualTo(15);
    assertThat(sam.getJsonArray("agents").getJsonObject(0).getString("name")).as("the account's name")
        .isEqualTo("Alice Smith");
    JsonObject ada = fixture.get("/api/stats/live", "ada").bodyAsJsonObject();
    assertThat(ids(ada.getJsonArray("agents"))).containsExactly("a-alice", "a-bob");

    assertThat(post("/api/agents/a-bob/not-ready", "sam", new JsonObject().put("reason", "lunch")).statusCode())
        .as("bob is not in sam's group").isEqualTo(403);
    // alice is sam's, but not signed in.
    HttpResponse<Buffer> offline = post("/api/agents/a-alice/not-ready", "sam", new JsonObject().put("reason", "lunch"));
    assertThat(offline.statusCode()).isEqualTo(404);
    assertThat(offline.bodyAsJsonObject().getString("error")).contains("not signed in");
    assertThat(post("/api/agents/a-alice/logout", "ada", new JsonObject().put("reason", "end of shift"))
        .statusCode()).isEqualTo(404);
    assertThat(post("/api/agents/a-alice/not-ready", "alice", new JsonObject().put("reason", "lunch")).statusCode())
        .as("agents may not").isEqualTo(403);
  }

  @Test
  void badRequests_areRefusedAndChangeNothing() throws Exception {
    HttpResponse<Buffer> noReason = post("/api/agents/a-alice/not-ready", "ada", new JsonObject());
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.bodyAsJsonObject().getString("error")).isEqualTo("reason is required");
    HttpResponse<Buffer> unknown = post("/api/agents/a-alice/not-ready", "ada",
        new JsonObject().put("reason", "nap"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.bodyAsJsonObject().getString("error")).startsWith("reason must be one of [");
    assertThat(post("/api/agents/a-alice/logout", "ada", new JsonObject().put("reason", "x".repeat(201)))
        .statusCode()).isEqualTo(400);
    assertThat(post("/api/agents/a-alice/logout", "ada", new JsonObject().put("reason", "ok").put("force", true))
        .statusCode()).isEqualTo(400);
    assertThat(post("/api/agents/bad%20id/logout", "ada", new JsonObject().put("reason", "ok")).statusCode())
        .isEqualTo(400);
    JsonArray audit = fixture.get("/api/audit", "ada").bodyAsJsonObject().getJsonArray("items");
    assertThat(audit.stream().map(e -> ((JsonObject) e).getString("action")))
        .as("nothing refused at the door is audited").doesNotContain("agent.not_ready", "agent.logout");
  }

  @Test
  void wallboardSocket_authenticatesLikeTheAgentSocket_thenSendsTheSnapshot() throws Exception {
    Board nobody = connect();
    nobody.ws.writeTextMessage(new JsonObject().put("type", "ping").encode());
    assertThat(nobody.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo((short) 4401);

    Board forged = connect();
    forged.ws.writeTextMessage(new JsonObject().put("type", "auth").put("token", "not.a.token").encode());
    assertThat(forged.next().getString("code")).isEqualTo("auth_failed");
    assertThat(forged.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo((short) 4401);

    Board agent = connect();
    agent.ws.writeTextMessage(new JsonObject().put("type", "auth").put("token", fixture.token("alice")).encode());
    assertThat(agent.next().getString("code")).isEqualTo("not_allowed");
    assertThat(agent.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo((short) 4403);

    Board sam = connect();
    sam.ws.writeTextMessage(new JsonObject().put("type", "auth").put("token", fixture.token("sam")).encode());
    JsonObject snapshot = sam.next();
    assertThat(snapshot.getString("type")).isEqualTo("live.snapshot");
    assertThat(snapshot.fieldNames()).contains("queues", "total", "agents", "notReadyReasons");
    sam.ws.writeTextMessage(new JsonObject().put("type", "ping").encode());
    assertThat(sam.next().getString("type")).isEqualTo("pong");

    // A configuration change moves the figures: pushed without asking.
    put("queue", "support", new JsonObject().put("name", "Support"));
    JsonObject update = sam.next();
    assertThat(update.getString("type")).isEqualTo("live.update");
    assertThat(ids(update.getJsonArray("queues"))).containsExactly("support");
  }

  private record Board(WebSocket ws, LinkedBlockingQueue<JsonObject> frames, CompletableFuture<Short> closeCode) {
    JsonObject next() throws InterruptedException {
      JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within 10 s").isNotNull();
      return frame;
    }
  }

  private Board connect() throws Exception {
    WebSocket ws = await(sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
        .setPort(fixture.server.httpPort()).setURI("/ws/wallboard")));
    LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    CompletableFuture<Short> closed = new CompletableFuture<>();
    ws.textMessageHandler(text -> frames.add(new JsonObject(text)));
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
    return new Board(ws, frames, closed);
  }

  private static List<String> ids(JsonArray items) {
    return items.stream().map(i -> ((JsonObject) i).getString("id")).toList();
  }

  private HttpResponse<Buffer> post(String uri, String username, JsonObject body) throws Exception {
    return await(fixture.as(fixture.client.post(uri), username).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body.encode())));
  }

  private void put(String kind, String id, JsonObject document) throws Exception {
    HttpResponse<Buffer> r = await(fixture.client.put("/api/config/" + kind + "/" + id)
        .putHeader("Authorization", "Bearer " + fixture.token("ada"))
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(document.encode())));
    assertThat(r.statusCode()).as(kind + " " + id + ": " + r.bodyAsString()).isIn(200, 201);
  }
}
