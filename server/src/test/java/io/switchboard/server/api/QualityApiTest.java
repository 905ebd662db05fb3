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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/quality/…} and {@code /api/reports/quality} on a real server: forms are versioned, refusals are 422s
 * naming the field path and change nothing, and the roles hold (admins edit forms, supervisors score, agents read
 * and answer only their own). Alice answered c-1 (recorded), Bob c-2 (recorded); nobody c-3; c-5 was not recorded.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityApiTest {

  HistoryFixture fixture;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  HttpResponse<Buffer> send(HttpMethod method, String uri, String username, String body) throws Exception {
    return await(fixture.as(fixture.client.request(method, uri), username)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
  }

  /** greet (yes/no, 10), verify (yes/no, 20, critical), empathy (1–5, 30, N/A allowed). */
  static JsonObject form(String id) {
    return new JsonObject().put("id", id).put("name", "Support calls").put("sections", new JsonArray()
        .add(new JsonObject().put("id", "opening").put("title", "Opening").put("questions", new JsonArray()
            .add(new JsonObject().put("id", "greet").put("text", "Greeted by name").put("weight", 10)
                .put("type", "yesno"))
            .add(new JsonObject().put("id", "verify").put("text", "Verified identity").put("weight", 20)
                .put("type", "yesno").put("critical", true))))
        .add(new JsonObject().put("id", "solving").put("title", "Solving").put("questions", new JsonArray()
            .add(new JsonObject().put("id", "empathy").put("text", "Empathy").put("weight", 30).put("type", "scale")
                .put("scaleMax", 5).put("naAllowed", true)))));
  }

  static JsonObject evaluation(String callId, String formId, Object greet, Object verify, Object empathy) {
    return new JsonObject().put("callId", callId).put("formId", formId).put("answers", new JsonObject()
        .put("greet", greet).put("verify", verify).put("empathy", empathy)).put("comment", "Good call");
  }

  JsonObject created(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  static void assert422(HttpResponse<Buffer> response, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(422);
    assertThat(response.bodyAsJsonObject().getString("field")).isEqualTo(field);
    assertThat(response.bodyAsJsonObject().getString("error")).startsWith(field + ": ");
  }

  @Test
  void aChangedFormIsANewVersion_andAnEvaluationKeepsTheVersionItWasScoredWith() throws Exception {
    JsonObject v1 = created(send(HttpMethod.POST, "/api/quality/forms", "ada", form("versions").encode()));
    assertThat(v1.getInteger("version")).isEqualTo(1);
    // 10 + 20 + 30 × (4−1)/4 = 52.5 of 60 → 87.5
    JsonObject first = created(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-1", "versions", "yes", "yes", 4).encode()));
    assertThat(first.getDouble("score")).isEqualTo(87.5);
    assertThat(first.getJsonObject("form").getInteger("version")).isEqualTo(1);

    JsonObject changed = form("versions").put("version", 1);
    changed.getJsonArray("sections").getJsonObject(0).getJsonArray("questions").getJsonObject(0).put("weight", 50);
    HttpResponse<Buffer> put = send(HttpMethod.PUT, "/api/quality/forms/versions", "ada", changed.encode());
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    assertThat(put.bodyAsJsonObject().getInteger("version")).isEqualTo(2);
    // Someone still editing version 1 is told, not overwritten.
    assertThat(send(HttpMethod.PUT, "/api/quality/forms/versions", "ada", changed.encode()).statusCode())
        .isEqualTo(409);

    JsonObject again = fixture.get("/api/quality/evaluations/" + first.getString("id"), "sam").bodyAsJsonObject();
    assertThat(again.getJsonObject("form").getInteger("version")).isEqualTo(1);
    assertThat(again.getDouble("score")).isEqualTo(87.5);
    assertThat(fixture.get("/api/quality/forms/versions?version=1", "sam").bodyAsJsonObject()
        .getJsonArray("sections").getJsonObject(0).getJsonArray("questions").getJsonObject(0).getInteger("weight"))
        .isEqualTo(10);
    // The same answers under version 2: 50 + 20 + 22.5 = 92.5 of 100 → 92.5
    JsonObject second = created(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-1", "versions", "yes", "yes", 4).encode()));
    assertThat(second.getJsonObject("form").getInteger("version")).isEqualTo(2);
    assertThat(second.getDouble("score")).isEqualTo(92.5);
  }

  @Test
  void refusalsAre422sNamingTheFieldPath_andChangeNothing() throws Exception {
    JsonObject badWeight = form("refused");
    badWeight.getJsonArray("sections").getJsonObject(1).getJsonArray("questions").getJsonObject(0).put("weight", 0);
    assert422(send(HttpMethod.POST, "/api/quality/forms", "ada", badWeight.encode()),
        "sections[1].questions[0].weight");
    assert422(send(HttpMethod.POST, "/api/quality/forms", "ada", form("Bad Id!").encode()), "id");
    assertThat(fixture.get("/api/quality/forms/refused", "ada").statusCode()).isEqualTo(404);
    assertThat(send(HttpMethod.POST, "/api/quality/forms", "ada", "{\"id\": ").statusCode()).isEqualTo(400);

    created(send(HttpMethod.POST, "/api/quality/forms", "ada", form("checks").encode()));
    JsonObject missing = evaluation("c-1", "checks", "yes", "yes", 3);
    missing.getJsonObject("answers").remove("empathy");
    assert422(send(HttpMethod.POST, "/api/quality/evaluations", "sam", missing.encode()), "answers.empathy");
    assert422(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-1", "checks", "na", "yes", 3).encode()), "answers.greet");
    assert422(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-1", "checks", "yes", "yes", 9).encode()), "answers.empathy");
    assert422(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-3", "checks", "yes", "yes", 3).encode()), "callId");
    assert422(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-5", "checks", "yes", "yes", 3).encode()), "callId");
    assert422(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-404", "checks", "yes", "yes", 3).encode()), "callId");
    assert422(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-1", "nosuchform", "yes", "yes", 3).encode()), "formId");
    assert422(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-1", "checks", "yes", "yes", 3).put("formVersion", 7).encode()), "formVersion");
    assert422(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-1", "checks", "yes", "yes", 3).put("score", 100).encode()), "score");
    assertThat(fixture.get("/api/quality/evaluations?callId=c-3", "sam").bodyAsJsonObject()
        .getJsonArray("items")).isEmpty();
  }

  @Test
  void onlyAdminsEditForms_onlySupervisorsScore_agentsReadOnlyTheirOwn() throws Exception {
    assertThat(send(HttpMethod.POST, "/api/quality/forms", "sam", form("roles").encode()).statusCode())
        .isEqualTo(403);
    assertThat(send(HttpMethod.POST, "/api/quality/forms", "alice", form("roles").encode()).statusCode())
        .isEqualTo(403);
    created(send(HttpMethod.POST, "/api/quality/forms", "ada", form("roles").encode()));
    assertThat(send(HttpMethod.POST, "/api/quality/evaluations", "alice",
        evaluation("c-1", "roles", "yes", "yes", 5).encode()).statusCode()).isEqualTo(403);
    assertThat(send(HttpMethod.POST, "/api/quality/evaluations", "nora",
        evaluation("c-1", "roles", "yes", "yes", 5).encode()).statusCode()).isEqualTo(403);
    assertThat(fixture.anonymous("/api/quality/evaluations").statusCode()).isEqualTo(401);
    String bobs = created(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-2", "roles", "yes", "yes", 5).encode())).getString("id");
    String alices = created(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-1", "roles", "yes", "yes", 5).encode())).getString("id");

    assertThat(fixture.get("/api/quality/evaluations/" + bobs, "alice").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/quality/evaluations/" + alices, "alice").statusCode()).isEqualTo(200);
    assertThat(fixture.get("/api/quality/evaluations?agent=a-bob", "alice").statusCode()).isEqualTo(403);
    JsonArray mine = fixture.get("/api/quality/evaluations", "alice").bodyAsJsonObject().getJsonArray("items");
    assertThat(mine).isNotEmpty();
    assertThat(mine.stream().map(e -> ((JsonObject) e).getJsonObject("agent").getString("id"))).containsOnly("a-alice");
    assertThat(send(HttpMethod.POST, "/api/quality/evaluations/" + bobs + "/acknowledge", "alice", "{}")
        .statusCode()).isEqualTo(403);
    // A supervisor reads but does not answer for the agent.
    assertThat(send(HttpMethod.POST, "/api/quality/evaluations/" + alices + "/acknowledge", "sam", "{}")
        .statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/quality/evaluations/" + bobs, "bob").bodyAsJsonObject().getString("status"))
        .isEqualTo("new");
    assertThat(fixture.get("/api/reports/quality?from=2026-03-01&to=2026-03-07", "alice").statusCode())
        .isEqualTo(403);
  }

  @Test
  void theAgentDisputesWithAComment_onceOnly_andTheSupervisorSeesIt() throws Exception {
    created(send(HttpMethod.POST, "/api/quality/forms", "ada", form("answers").encode()));
    String id = created(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-1", "answers", "yes", "no", 2).encode())).getString("id");

    assert422(send(HttpMethod.POST, "/api/quality/evaluations/" + id + "/dispute", "alice", "{}"), "comment");
    HttpResponse<Buffer> disputed = send(HttpMethod.POST, "/api/quality/evaluations/" + id + "/dispute", "alice",
        new JsonObject().put("comment", "I did verify: the caller gave the PIN at 0:40").encode());
    assertThat(disputed.statusCode()).as(disputed.bodyAsString()).isEqualTo(200);
    assertThat(send(HttpMethod.POST, "/api/quality/evaluations/" + id + "/acknowledge", "alice", "{}")
        .statusCode()).isEqualTo(409);

    JsonObject seen = fixture.get("/api/quality/evaluations?status=disputed&agent=a-alice", "sam").bodyAsJsonObject()
        .getJsonArray("items").stream().map(JsonObject.class::cast).filter(e -> e.getString("id").equals(id))
        .findFirst().orElseThrow();
    assertThat(seen.getString("status")).isEqualTo("disputed");
    assertThat(seen.getJsonObject("response").getString("comment")).contains("gave the PIN");
    assertThat(seen.getDouble("score")).isEqualTo(0.0); // verify is critical and was "no"
    assertThat(seen.getDouble("rawScore")).isEqualTo(29.2); // 10 + 0 + 30 × (2−1)/4 = 17.5 of 60 → 29.17
  }

  @Test
  void qualityReport_averagesByAgentAndWeek() throws Exception {
    created(send(HttpMethod.POST, "/api/quality/forms", "ada", form("report").encode()));
    // A call of Bob's on Tuesday 2026-02-17 (ISO week 2026-W08), evaluated by nothing else in this class.
    await(fixture.server.store().saveCall(HistoryFixture.call("c-q-bob", "+4930777777", "+4930555000", "sales",
        "Sales; EU", "a-bob", "answered", "2026-02-17T10:00:00Z").put("recording", new JsonObject()
        .put("file", "2026-02-17/c-q-bob.wav").put("durationMillis", 42_000).put("bytes", 1000))));
    // 100 (all yes, empathy 5), and 0 (verify no: critical; raw 10 + 30 of 60)
    created(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-q-bob", "report", "yes", "yes", 5).encode()));
    created(send(HttpMethod.POST, "/api/quality/evaluations", "sam",
        evaluation("c-q-bob", "report", "yes", "no", 5).encode()));

    HttpResponse<Buffer> report = fixture.get("/api/reports/quality?from=2026-02-16&to=2026-02-22&by=agent"
        + "&granularity=week&agent=a-bob", "sam");

    assertThat(report.statusCode()).as(report.bodyAsString()).isEqualTo(200);
    JsonArray rows = report.bodyAsJsonObject().getJsonArray("rows");
    assertThat(rows).hasSize(1);
    JsonObject bob = rows.getJsonObject(0);
    assertThat(bob.getString("group")).isEqualTo("a-bob");
    assertThat(bob.getString("name")).isEqualTo(HistoryFixture.BOB_NAME);
    assertThat(bob.getString("period")).isEqualTo("2026-W08");
    assertThat(bob.getInteger("evaluations")).isEqualTo(2);
    assertThat(bob.getDouble("averageScore")).isEqualTo(50.0);
    assertThat(bob.getDouble("minScore")).isEqualTo(0.0);
    assertThat(bob.getDouble("maxScore")).isEqualTo(100.0);
    assertThat(bob.getInteger("criticalFailures")).isEqualTo(1);
  }
}
