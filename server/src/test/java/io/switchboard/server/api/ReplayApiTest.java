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
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/replay}: a recorded day before and after a draft configuration, roles and bad input. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayApiTest {

  static final String DAY = "2026-04-07";
  HistoryFixture fixture;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
    JsonObject queue = new JsonObject().put("name", "Replay").put("wrapUp", 5);
    assertThat(send("PUT", "/api/config/queue/rq", "ada", queue.encode()).statusCode()).isEqualTo(201);
    // 30 calls 40 s apart, 60 s conversations, taken in turn by alice and bob (1.5 erlangs on two agents), and 5
    // callers who gave up after 30 s in the queue.
    Instant t0 = Instant.parse(DAY + "T10:00:00Z");
    for (int i = 0; i < 30; i++) {
      Instant arrived = t0.plusSeconds(40L * i);
      String agent = i % 2 == 0 ? "a-alice" : "a-bob";
      JsonObject call = HistoryFixture.call("rp-" + i, "+4930700" + i, "+4930555999", "rq", "Replay", agent,
          "answered", arrived.toString());
      call.put("answeredAt", date(arrived.plusSeconds(2))).put("endedAt", date(arrived.plusSeconds(62)))
          .put("talkSeconds", 60).put("timeline", new JsonArray()
              .add(new JsonObject().put("at", arrived.toString()).put("event", "offered").put("agent", agent))
              .add(new JsonObject().put("at", arrived.plusSeconds(2).toString()).put("event", "answered")));
      await(fixture.server.store().saveCall(call));
    }
    for (int i = 0; i < 5; i++) {
      Instant arrived = t0.plusSeconds(40L * i * 6 + 20);
      JsonObject call = HistoryFixture.call("rp-ab-" + i, "+4930800" + i, "+4930555999", "rq", "Replay", null,
          "abandoned", arrived.toString());
      call.put("endedAt", date(arrived.plusSeconds(30)));
      await(fixture.server.store().saveCall(call));
    }
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  HttpResponse<Buffer> send(String method, String uri, String user, String body) throws Exception {
    return await(fixture.as(fixture.client.request(io.vertx.core.http.HttpMethod.valueOf(method), uri), user)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
  }

  static JsonObject date(Instant instant) {
    return new JsonObject().put("$date", instant.toString());
  }

  static JsonObject queue(JsonObject side, String id) {
    return side.getJsonArray("queues").stream().map(JsonObject.class::cast)
        .filter(q -> id.equals(q.getString("queue"))).findFirst().orElseThrow();
  }

  @Test
  void oneAgentFewer_serviceLevelDropsBesideTheDayAsItWas() throws Exception {
    HttpResponse<Buffer> r = send("POST", "/api/replay", "sam",
        new JsonObject().put("day", DAY).put("absentAgents", new JsonArray().add("a-bob")).encode());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getInteger("calls")).isEqualTo(35);
    assertThat(body.getJsonArray("agents")).containsExactlyInAnyOrder("a-alice", "a-bob");
    // 5 abandons over 30 answered waits of 2 s + 5 × 30 s = 210 s exposed: mean patience 42 s.
    assertThat(body.getJsonObject("patience").getInteger("abandoned")).isEqualTo(5);
    assertThat(body.getJsonObject("patience").getDouble("meanSeconds")).isEqualTo(42.0);
    JsonObject before = queue(body.getJsonObject("before"), "rq");
    JsonObject after = queue(body.getJsonObject("after"), "rq");
    assertThat(before.getInteger("offered")).isEqualTo(35);
    assertThat(after.getInteger("offered")).isEqualTo(35);
    assertThat(before.getDouble("serviceLevel")).isGreaterThan(80.0);
    assertThat(after.getDouble("serviceLevel")).isLessThan(before.getDouble("serviceLevel") - 20);
    assertThat(after.getDouble("asaSeconds")).isGreaterThan(before.getDouble("asaSeconds"));
    assertThat(after.getDouble("abandonRate")).isGreaterThan(before.getDouble("abandonRate"));
    assertThat(body.getJsonObject("after").getLong("callsRoutedDifferently")).isPositive();
    assertThat(body.getJsonObject("before").getJsonArray("rejectedEvents")).isEmpty();
    assertThat(queue(new JsonObject().put("queues", body.getJsonArray("recorded")), "rq").getInteger("answered"))
        .isEqualTo(30);
  }

  @Test
  void draftDocument_replacesTheStoredOneOnlyForTheReplay() throws Exception {
    JsonObject slow = new JsonObject().put("name", "Replay").put("wrapUp", 120);
    HttpResponse<Buffer> r = send("POST", "/api/replay", "ada", new JsonObject().put("day", DAY)
        .put("changes", new JsonArray().add(new JsonObject().put("kind", "queue").put("id", "rq")
            .put("document", slow))).encode());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(queue(body.getJsonObject("after"), "rq").getDouble("serviceLevel"))
        .isLessThan(queue(body.getJsonObject("before"), "rq").getDouble("serviceLevel"));
    assertThat(fixture.server.routingConfig().current().queue("rq").orElseThrow().wrapUp().toSeconds())
        .isEqualTo(5);
  }

  @Test
  void badInput_clearRefusals() throws Exception {
    assertThat(send("POST", "/api/replay", "alice", "{\"day\":\"" + DAY + "\"}").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/replay", "sam", "{\"day\":\"07.04.2026\"}").statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/replay", "sam", "{\"day\":\"" + DAY + "\",\"speed\":2}").statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/api/replay", "sam", "{\"day\":\"2026-05-01\"}").statusCode()).isEqualTo(404);
    HttpResponse<Buffer> invalid = send("POST", "/api/replay", "sam", new JsonObject().put("day", DAY)
        .put("changes", new JsonArray().add(new JsonObject().put("kind", "queue").put("id", "rq")
            .put("document", new JsonObject().put("strategy", "fastest")))).encode());
    assertThat(invalid.statusCode()).as(invalid.bodyAsString()).isEqualTo(422);
    assertThat(invalid.bodyAsJsonObject().getJsonArray("problems").encode()).contains("strategy");
    assertThat(send("POST", "/api/replay", "sam", new JsonObject().put("day", DAY)
        .put("changes", new JsonArray().add(new JsonObject().put("kind", "queue").put("id", "rq")
            .put("version", 99))).encode()).statusCode()).isEqualTo(404);
  }
}
