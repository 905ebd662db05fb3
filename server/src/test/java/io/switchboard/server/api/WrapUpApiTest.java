package io.switchboard.server.api;

import static io.switchboard.server.api.CustomersApiTest.assertError;
import static io.switchboard.server.api.CustomersApiTest.customer;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/calls/{id}/wrap-up} and {@code /api/dispositions}. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WrapUpApiTest {

  static final String KNOWN = "+4930123456";

  HistoryFixture fixture;
  String customerId;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
    HttpResponse<Buffer> made = send(HttpMethod.POST, "/api/customers", "sam", customer("Known GmbH", KNOWN)
        .encode());
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    customerId = made.bodyAsJsonObject().getString("id");
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  HttpResponse<Buffer> send(HttpMethod method, String uri, String username, String body) throws Exception {
    return await(fixture.as(fixture.client.request(method, uri), username)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
  }

  /** A call Alice answered a minute ago from {@code from}. */
  String recentCall(String id, String from) throws Exception {
    Instant arrived = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    await(fixture.server.store().saveCall(HistoryFixture.call(id, from, "+4930555000", "support", "Support",
        "a-alice", "answered", arrived.toString())));
    return id;
  }

  HttpResponse<Buffer> wrapUp(String callId, String username, JsonObject body) throws Exception {
    return send(HttpMethod.POST, "/api/calls/" + callId + "/wrap-up", username, body.encode());
  }

  static JsonObject body(String disposition) {
    return new JsonObject().put("disposition", disposition).put("notes", "Router rebooted, works again")
        .put("firstContactResolution", true);
  }

  @Test
  void agentWrapsUpTheirCall_withANewIncident_bothAreInTheCustomersHistory() throws Exception {
    String callId = recentCall("c-wrap-1", KNOWN);
    JsonObject request = body("complaint").put("incident", new JsonObject().put("create", new JsonObject()
        .put("priority", 2).put("title", "Partial outage in Kyiv").put("description", "Half the lines are down")));

    HttpResponse<Buffer> saved = wrapUp(callId, "alice", request);

    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    JsonObject incident = saved.bodyAsJsonObject().getJsonObject("incident");
    assertThat(incident.getInteger("priority")).isEqualTo(2);
    assertThat(incident.getString("customerId")).isEqualTo(customerId);
    assertThat(incident.getJsonArray("callIds")).containsExactly(callId);
    JsonObject call = fixture.get("/api/calls/" + callId, "alice").bodyAsJsonObject();
    JsonObject wrapUp = call.getJsonObject("wrapUp");
    assertThat(wrapUp.getString("disposition")).isEqualTo("complaint");
    assertThat(wrapUp.getString("notes")).isEqualTo("Router rebooted, works again");
    assertThat(wrapUp.getBoolean("firstContactResolution")).isTrue();
    assertThat(wrapUp.getString("incidentId")).isEqualTo(incident.getString("id"));
    assertThat(wrapUp.getJsonObject("by").getString("id")).isEqualTo("a-alice");
    assertThat(Instant.parse(wrapUp.getString("at"))).isCloseTo(Instant.now(),
        org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));

    JsonObject history = fixture.get("/api/customers/" + customerId + "/history", "bob").bodyAsJsonObject();
    JsonObject inHistory = history.getJsonArray("calls").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals(callId)).findFirst().orElseThrow();
    assertThat(inHistory.getJsonObject("wrapUp").getString("disposition")).isEqualTo("complaint");
    assertThat(history.getJsonArray("incidents").stream().map(i -> ((JsonObject) i).getString("id")))
        .contains(incident.getString("id"));
  }

  @Test
  void aRetriedWrapUp_updatesTheIncidentItOpened_insteadOfOpeningASecond() throws Exception {
    String callId = recentCall("c-wrap-retry", KNOWN);
    JsonObject request = body("resolved").put("incident", new JsonObject().put("create", new JsonObject()
        .put("priority", 3).put("title", "Unhappy about the bill")));

    String first = wrapUp(callId, "alice", request).bodyAsJsonObject().getJsonObject("incident").getString("id");
    request.getJsonObject("incident").getJsonObject("create").put("priority", 4);
    HttpResponse<Buffer> again = wrapUp(callId, "alice", request);

    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getJsonObject("incident").getString("id")).isEqualTo(first);
    assertThat(again.bodyAsJsonObject().getJsonObject("incident").getInteger("priority")).isEqualTo(4);
    JsonArray forCall = fixture.get("/api/incidents?customerId=" + customerId, "alice").bodyAsJsonObject()
        .getJsonArray("items");
    assertThat(forCall.stream().map(JsonObject.class::cast).filter(i -> i.getJsonArray("callIds").contains(callId)))
        .hasSize(1);
  }

  @Test
  void wrapUpUpdatesAnExistingIncident_linksTheCall_andAddsTheNote() throws Exception {
    String callId = recentCall("c-wrap-update", KNOWN);
    HttpResponse<Buffer> opened = send(HttpMethod.POST, "/api/incidents", "bob", new JsonObject()
        .put("customerId", customerId).put("priority", 1).put("title", "Full outage").encode());
    String incidentId = opened.bodyAsJsonObject().getString("id");

    HttpResponse<Buffer> saved = wrapUp(callId, "alice", body("escalated").put("incident", new JsonObject()
        .put("update", new JsonObject().put("id", incidentId).put("status", "in_progress")
            .put("note", "Caller confirms: still down"))));

    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    JsonObject incident = fixture.get("/api/incidents/" + incidentId, "alice").bodyAsJsonObject();
    assertThat(incident.getString("status")).isEqualTo("in_progress");
    assertThat(incident.getJsonArray("callIds")).contains(callId);
    assertThat(incident.getJsonArray("notes").getJsonObject(0).getString("text"))
        .isEqualTo("Caller confirms: still down");
  }

  @Test
  void refusals_changeNothing() throws Exception {
    String callId = recentCall("c-wrap-refused", KNOWN);
    String uri = "/api/calls/" + callId + "/wrap-up";

    assertThat(wrapUp(callId, "bob", body("resolved")).statusCode()).isEqualTo(403); // another agent's call
    assertThat(wrapUp(callId, "nora", body("resolved")).statusCode()).isEqualTo(403); // no role
    assertThat(wrapUp(callId, null, body("resolved")).statusCode()).isEqualTo(401);
    assertThat(wrapUp("c-1", "alice", body("resolved")).statusCode()).isEqualTo(403); // months ago
    assertThat(wrapUp("c-404", "alice", body("resolved")).statusCode()).isEqualTo(404);
    assertThat(wrapUp("..%2F..%2Fetc", "alice", body("resolved")).statusCode()).isEqualTo(400);
    assertError(send(HttpMethod.POST, uri, "alice", "{\"disposition\": "), "not well-formed JSON");
    assertError(send(HttpMethod.POST, uri, "alice", "[]"), "JSON object");
    assertError(wrapUp(callId, "alice", new JsonObject().put("notes", "x")), "disposition is required");
    assertError(wrapUp(callId, "alice", body("resolved").put("notes", "x".repeat(4001))), "notes");
    assertError(wrapUp(callId, "alice", body("resolved").put("firstContactResolution", "yes")),
        "firstContactResolution");
    assertError(wrapUp(callId, "alice", body("resolved").put("colour", "red")), "unknown field");
    assertError(wrapUp(callId, "alice", body("resolved").put("incident", new JsonObject().put("create",
        new JsonObject().put("priority", 5).put("title", "x")))), "incident.create.priority");
    assertError(wrapUp(callId, "alice", body("resolved").put("incident", new JsonObject())), "exactly one");
    assertError(wrapUp(callId, "alice", body("resolved").put("incident", new JsonObject().put("update",
        new JsonObject().put("id", "../x")))), "incident.update.id");
    HttpResponse<Buffer> unknown = wrapUp(callId, "alice", body("no-such-thing"));
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(unknown.bodyAsJsonObject().getString("error")).startsWith("disposition");
    HttpResponse<Buffer> notTheirs = wrapUp(callId, "alice", body("resolved").put("incident", new JsonObject()
        .put("update", new JsonObject().put("id", "in-404"))));
    assertThat(notTheirs.statusCode()).isEqualTo(422);

    assertThat(fixture.get("/api/calls/" + callId, "alice").bodyAsJsonObject().getValue("wrapUp")).isNull();
  }

  @Test
  void anUnknownCaller_canBeWrappedUp_butGetsNoIncident() throws Exception {
    String callId = recentCall("c-wrap-unknown", "+4930888888");
    assertThat(wrapUp(callId, "alice", body("wrong-number")).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> refused = wrapUp(callId, "alice", body("complaint").put("incident", new JsonObject()
        .put("create", new JsonObject().put("priority", 3).put("title", "x"))));

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsJsonObject().getString("error")).contains("incident.create");
    assertThat(fixture.get("/api/calls/" + callId, "alice").bodyAsJsonObject().getJsonObject("wrapUp")
        .getString("disposition")).isEqualTo("wrong-number");
  }

  @Test
  void aSupervisorMayCorrectAnOldWrapUp_anInactiveDispositionIsRefused() throws Exception {
    assertThat(wrapUp("c-2", "sam", body("sales")).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> retired = send(HttpMethod.PUT, "/api/dispositions/retired", "ada", new JsonObject()
        .put("labels", labels("Retired")).put("active", false).encode());
    assertThat(retired.statusCode()).as(retired.bodyAsString()).isEqualTo(200);
    assertThat(wrapUp("c-2", "sam", body("retired")).statusCode()).isEqualTo(422);
    assertThat(fixture.get("/api/calls/c-2", "sam").bodyAsJsonObject().getJsonObject("wrapUp")
        .getString("disposition")).isEqualTo("sales");
  }

  @Test
  void dispositions_everyoneReads_onlyAdminsWrite() throws Exception {
    HttpResponse<Buffer> list = fixture.get("/api/dispositions", "alice");
    assertThat(list.statusCode()).isEqualTo(200);
    List<String> codes = list.bodyAsJsonObject().getJsonArray("items").stream()
        .map(d -> ((JsonObject) d).getString("code")).toList();
    assertThat(codes).contains("resolved", "information", "complaint", "sales", "escalated", "wrong-number");
    assertThat(list.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getJsonObject("labels")
        .getString("ru")).isEqualTo("Решено");

    JsonObject refund = new JsonObject().put("code", "refund").put("labels", labels("Refund"));
    assertThat(send(HttpMethod.POST, "/api/dispositions", "sam", refund.encode()).statusCode()).isEqualTo(403);
    assertThat(send(HttpMethod.POST, "/api/dispositions", "alice", refund.encode()).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> created = send(HttpMethod.POST, "/api/dispositions", "ada", refund.encode());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getBoolean("active")).isTrue();
    assertThat(send(HttpMethod.POST, "/api/dispositions", "ada", refund.encode()).statusCode()).isEqualTo(409);
    assertError(send(HttpMethod.POST, "/api/dispositions", "ada", new JsonObject().put("code", "../x")
        .put("labels", labels("x")).encode()), "code");
    assertError(send(HttpMethod.POST, "/api/dispositions", "ada", new JsonObject().put("code", "x")
        .put("labels", new JsonObject().put("en", "x")).encode()), "labels.ru");
    assertError(send(HttpMethod.PUT, "/api/dispositions/refund", "ada", new JsonObject().put("code", "other")
        .put("labels", labels("x")).encode()), "code");
    assertError(send(HttpMethod.PUT, "/api/dispositions/refund", "ada", "{"), "not well-formed JSON");

    assertThat(await(fixture.as(fixture.client.delete("/api/dispositions/refund"), "sam").send()).statusCode())
        .isEqualTo(403);
    assertThat(await(fixture.as(fixture.client.delete("/api/dispositions/refund"), "ada").send()).statusCode())
        .isEqualTo(204);
    assertThat(await(fixture.as(fixture.client.delete("/api/dispositions/refund"), "ada").send()).statusCode())
        .isEqualTo(404);
    assertThat(fixture.anonymous("/api/dispositions").statusCode()).isEqualTo(401);
  }

  static JsonObject labels(String en) {
    return new JsonObject().put("en", en).put("ru", en + " (ru)").put("uk", en + " (uk)");
  }
}
