package io.switchboard.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/calls} and {@code GET /api/calls/{id}}: filters, pages, role scoping, errors. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallHistoryTest {

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
  void supervisor_seesEveryCall_newestFirst() throws Exception {
    assertThat(ids("/api/calls", "sam")).containsExactly("c-6", "c-5", "c-4", "c-3", "c-2", "c-1");
    assertThat(ids("/api/calls", "ada")).containsExactly("c-6", "c-5", "c-4", "c-3", "c-2", "c-1");
  }

  @Test
  void agent_seesOnlyTheCallsTheyAnswered() throws Exception {
    assertThat(ids("/api/calls", "alice")).containsExactly("c-6", "c-5", "c-4", "c-1");
    assertThat(ids("/api/calls", "bob")).containsExactly("c-2");
    assertThat(ids("/api/calls?agent=a-alice", "alice")).containsExactly("c-6", "c-5", "c-4", "c-1");
  }

  @Test
  void agent_askingForAnotherAgentsCalls_is403() throws Exception {
    HttpResponse<Buffer> response = fixture.get("/api/calls?agent=a-bob", "alice");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("agents see only the calls they answered");
  }

  @Test
  void listItem_hasIsoDatesAndARecordingLink_butNoFileNameOrTimeline() throws Exception {
    JsonObject c1 = items("/api/calls?number=%2B4930111111&outcome=answered&to=2026-03-01", "sam").getJsonObject(0);

    assertThat(c1.getString("id")).isEqualTo("c-1");
    assertThat(c1.getString("arrivedAt")).isEqualTo("2026-03-01T08:00:00Z");
    assertThat(c1.getString("answeredAt")).isEqualTo("2026-03-01T08:00:03Z");
    assertThat(c1.getJsonObject("agent").getString("username")).isEqualTo("alice");
    assertThat(c1.getJsonObject("queue")).isEqualTo(new JsonObject().put("id", "support").put("name", "Support"));
    assertThat(c1.getJsonObject("recording")).isEqualTo(new JsonObject().put("durationMillis", 42_000)
        .put("bytes", 1000).put("url", "/api/calls/c-1/recording"));
    assertThat(c1.containsKey("timeline")).isFalse();
    assertThat(c1.encode()).doesNotContain(".wav").doesNotContain("_id");
  }

  @Test
  void filters_narrowTheList() throws Exception {
    assertThat(ids("/api/calls?from=2026-03-02&to=2026-03-04", "sam")).containsExactly("c-4", "c-3", "c-2");
    assertThat(ids("/api/calls?from=2026-03-02T09:00:00Z&to=2026-03-04T11:00:00Z", "sam"))
        .containsExactly("c-3", "c-2");
    assertThat(ids("/api/calls?from=2026-03-02T12:00:00%2B03:00", "sam"))
        .containsExactly("c-6", "c-5", "c-4", "c-3", "c-2");
    assertThat(ids("/api/calls?queue=sales", "sam")).containsExactly("c-2");
    assertThat(ids("/api/calls?agent=a-bob", "sam")).containsExactly("c-2");
    assertThat(ids("/api/calls?outcome=abandoned", "sam")).containsExactly("c-3");
    assertThat(ids("/api/calls?outcome=missed", "sam")).isEmpty();
    // The caller's number or the dialled one; an unencoded '+' (a space once decoded) still means '+'.
    assertThat(ids("/api/calls?number=%2B4930111111", "sam")).containsExactly("c-5", "c-1");
    assertThat(ids("/api/calls?number=+4930111111", "sam")).containsExactly("c-5", "c-1");
    assertThat(ids("/api/calls?number=%2B4930555001", "sam")).containsExactly("c-3");
    assertThat(ids("/api/calls?number=%2B4930555000&queue=support&agent=a-alice&from=2026-03-05", "sam"))
        .containsExactly("c-6", "c-5");
  }

  @Test
  void cursor_walksEveryPageOnce_andTheLastPageHasNoCursor() throws Exception {
    List<String> seen = new ArrayList<>();
    String uri = "/api/calls?limit=2";
    int pages = 0;
    while (uri != null) {
      HttpResponse<Buffer> response = fixture.get(uri, "sam");
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      JsonObject page = response.bodyAsJsonObject();
      page.getJsonArray("items").forEach(item -> seen.add(((JsonObject) item).getString("id")));
      String next = page.getString("nextCursor");
      uri = next == null ? null : "/api/calls?limit=2&cursor=" + next;
      pages++;
      assertThat(pages).isLessThan(10);
    }

    assertThat(seen).containsExactly("c-6", "c-5", "c-4", "c-3", "c-2", "c-1");
    // Six calls in pages of two: the third page is full, so a fourth (empty) one ends the walk.
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void malformedParameters_are400WithAMessageNamingThem() throws Exception {
    assertBadRequest("/api/calls?from=yesterday", "from");
    assertBadRequest("/api/calls?to=2026-13-01", "to");
    assertBadRequest("/api/calls?from=2026-03-05&to=2026-03-01", "before");
    assertBadRequest("/api/calls?limit=0", "limit");
    assertBadRequest("/api/calls?limit=201", "200");
    assertBadRequest("/api/calls?limit=ten", "limit");
    assertBadRequest("/api/calls?outcome=lost", "outcome");
    assertBadRequest("/api/calls?number=%2B49-30", "number");
    assertBadRequest("/api/calls?queue=%3Cscript%3E", "queue");
    assertBadRequest("/api/calls?cursor=not-ours", "cursor");
    assertBadRequest("/api/calls?outcom=answered", "outcom");
    assertBadRequest("/api/calls?queue=support&queue=sales", "once");
    assertBadRequest("/api/calls?queue=", "empty");
    assertBadRequest("/api/calls.csv?limit=201", "limit");
    assertBadRequest("/api/calls.csv?separator=tab", "separator");
    HttpResponse<Buffer> auditLimit = fixture.get("/api/audit?limit=500", "ada");
    assertThat(auditLimit.statusCode()).isEqualTo(400);
    assertThat(auditLimit.bodyAsJsonObject().getString("error")).contains("limit");
  }

  @Test
  void oneCall_hasItsTimelineAndRawSipValues() throws Exception {
    HttpResponse<Buffer> response = fixture.get("/api/calls/c-1", "alice");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject call = response.bodyAsJsonObject();
    assertThat(call.getString("id")).isEqualTo("c-1");
    assertThat(call.getString("fromRaw")).isEqualTo("sip:+4930111111@127.0.0.1");
    assertThat(call.getJsonArray("timeline")).isEqualTo(new JsonArray()
        .add(new JsonObject().put("at", "2026-03-01T08:00:00Z").put("event", "arrived")));
    assertThat(call.encode()).doesNotContain(".wav");
  }

  @Test
  void agent_readingACallSomebodyElseAnswered_is403_supervisorMay() throws Exception {
    assertThat(fixture.get("/api/calls/c-2", "alice").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/calls/c-3", "alice").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/calls/c-2", "bob").statusCode()).isEqualTo(200);
    assertThat(fixture.get("/api/calls/c-2", "sam").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownOrImpossibleIds_are404Or400() throws Exception {
    assertThat(fixture.get("/api/calls/c-404", "sam").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/api/calls/..", "sam").statusCode()).isIn(400, 404);
    HttpResponse<Buffer> traversal = fixture.get("/api/calls/..%2F..%2Fjwt-secret", "sam");
    assertThat(traversal.statusCode()).isEqualTo(400);
    assertThat(traversal.bodyAsJsonObject().getString("error")).contains("call id");
    assertThat(fixture.get("/api/calls/" + "x".repeat(65), "sam").statusCode()).isEqualTo(400);
  }

  private void assertBadRequest(String uri, String mention) throws Exception {
    HttpResponse<Buffer> response = fixture.get(uri, "sam");

    assertThat(response.statusCode()).as("%s: %s", uri, response.bodyAsString()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).as(uri).contains(mention);
  }

  private JsonArray items(String uri, String username) throws Exception {
    HttpResponse<Buffer> response = fixture.get(uri, username);
    assertThat(response.statusCode()).as("%s: %s", uri, response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    return response.bodyAsJsonObject().getJsonArray("items");
  }

  private List<String> ids(String uri, String username) throws Exception {
    List<String> ids = new ArrayList<>();
    items(uri, username).forEach(item -> ids.add(((JsonObject) item).getString("id")));
    return ids;
  }
}
