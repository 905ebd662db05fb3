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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/incidents}: agents open and update them; they name a real customer and real calls. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentsApiTest {

  HistoryFixture fixture;
  String customerId;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
    HttpResponse<Buffer> made = send(HttpMethod.POST, "/api/customers", "sam",
        customer("Incident Ltd", "+4930111111").encode());
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

  JsonObject incident(int priority, String title) {
    return new JsonObject().put("customerId", customerId).put("priority", priority).put("title", title);
  }

  @Test
  void agentOpensAnIncident_itIsInTheCustomersHistory_thenLinksACallAndResolvesIt() throws Exception {
    HttpResponse<Buffer> created = send(HttpMethod.POST, "/api/incidents", "alice",
        incident(2, "Partial outage: Kyiv office").put("callIds", new JsonArray().add("c-1")).encode());

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject incident = created.bodyAsJsonObject();
    String uri = "/api/incidents/" + incident.getString("id");
    assertThat(created.getHeader("Location")).isEqualTo(uri);
    assertThat(incident.getString("status")).isEqualTo("open");
    assertThat(incident.getString("createdBy")).isEqualTo("a-alice");
    JsonObject history = fixture.get("/api/customers/" + customerId + "/history", "bob").bodyAsJsonObject();
    assertThat(history.getJsonArray("openIncidents").stream().map(i -> ((JsonObject) i).getString("id")))
        .contains(incident.getString("id"));

    HttpResponse<Buffer> patched = send(HttpMethod.PATCH, uri, "bob", new JsonObject().put("status", "in_progress")
        .put("priority", 1).put("linkCallIds", new JsonArray().add("c-5").add("c-1")).encode());

    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    assertThat(patched.bodyAsJsonObject().getJsonArray("callIds")).containsExactlyInAnyOrder("c-1", "c-5");
    assertThat(patched.bodyAsJsonObject().getInteger("priority")).isEqualTo(1);
    assertThat(java.time.Instant.parse(patched.bodyAsJsonObject().getString("createdAt")))
        .isEqualTo(java.time.Instant.parse(incident.getString("createdAt")));

    assertThat(send(HttpMethod.PATCH, uri, "sam", "{\"status\": \"resolved\"}").statusCode()).isEqualTo(200);
    JsonObject read = fixture.get(uri, "alice").bodyAsJsonObject();
    assertThat(read.getString("status")).isEqualTo("resolved");
    JsonObject after = fixture.get("/api/customers/" + customerId + "/history", "bob").bodyAsJsonObject();
    assertThat(after.getJsonArray("openIncidents").stream().map(i -> ((JsonObject) i).getString("id")))
        .doesNotContain(incident.getString("id"));
  }

  @Test
  void listFiltersByCustomerStatusAndPriority() throws Exception {
    String p4 = send(HttpMethod.POST, "/api/incidents", "bob", incident(4, "Loyal customer asks").encode())
        .bodyAsJsonObject().getString("id");

    JsonObject list = fixture.get("/api/incidents?customerId=" + customerId + "&priority=4&status=open", "alice")
        .bodyAsJsonObject();

    assertThat(list.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("id"))).containsExactly(p4);
    assertError(fixture.get("/api/incidents?priority=5", "alice"), "priority");
    assertError(fixture.get("/api/incidents?status=done", "alice"), "status");
    assertError(fixture.get("/api/incidents?sort=x", "alice"), "unknown parameter");
  }

  @Test
  void badBodies_are400NamingTheField_andCreateNothing() throws Exception {
    assertError(send(HttpMethod.POST, "/api/incidents", "alice", "{\"title\":"), "not well-formed JSON");
    assertError(send(HttpMethod.POST, "/api/incidents", "alice", incident(5, "x").encode()), "priority");
    assertError(send(HttpMethod.POST, "/api/incidents", "alice", incident(2, "x").put("priority", "2").encode()),
        "priority");
    assertError(send(HttpMethod.POST, "/api/incidents", "alice", incident(2, "x").put("severity", 1).encode()),
        "unknown field \"severity\"");
    assertError(send(HttpMethod.POST, "/api/incidents", "alice", incident(2, "x").put("status", "done").encode()),
        "status");
    assertError(send(HttpMethod.POST, "/api/incidents", "alice", incident(2, "x").put("customerId", "cu-nobody")
        .encode()), "customerId");
    assertError(send(HttpMethod.POST, "/api/incidents", "alice", incident(2, "x")
        .put("callIds", new JsonArray().add("c-404")).encode()), "callIds");
    assertError(send(HttpMethod.POST, "/api/incidents", "alice", incident(2, "x")
        .put("callIds", new JsonArray().add("../etc")).encode()), "callIds[0]");
    assertError(send(HttpMethod.POST, "/api/incidents", "alice", incident(2, "x").putNull("title").encode()),
        "title is required");
    assertThat(fixture.get("/api/incidents?customerId=" + customerId + "&priority=2&status=open", "sam")
        .bodyAsJsonObject().getJsonArray("items").stream()
        .filter(i -> ((JsonObject) i).getString("title").equals("x"))).isEmpty();

    String uri = "/api/incidents/" + send(HttpMethod.POST, "/api/incidents", "alice", incident(3, "Unhappy")
        .encode()).bodyAsJsonObject().getString("id");
    assertError(send(HttpMethod.PATCH, uri, "alice", "{}"), "nothing to change");
    assertError(send(HttpMethod.PATCH, uri, "alice", "{\"customerId\": \"cu-x\"}"), "unknown field");
    assertError(send(HttpMethod.PATCH, uri, "alice", "not json"), "not well-formed JSON");
    assertError(send(HttpMethod.PATCH, uri, "alice", "{\"linkCallIds\": [\"c-404\"]}"), "linkCallIds");
    assertThat(fixture.get(uri, "alice").bodyAsJsonObject().getJsonArray("callIds")).isEmpty();
  }

  @Test
  void withoutATokenOrARole_nothingIsReadOrWritten() throws Exception {
    String body = incident(1, "Full outage").encode();
    assertThat(send(HttpMethod.POST, "/api/incidents", null, body).statusCode()).isEqualTo(401);
    assertThat(send(HttpMethod.POST, "/api/incidents", "nora", body).statusCode()).isEqualTo(403);
    assertThat(fixture.anonymous("/api/incidents").statusCode()).isEqualTo(401);
    assertThat(fixture.get("/api/incidents", "nora").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/incidents/in-x", "nora").statusCode()).isEqualTo(403);
    assertThat(send(HttpMethod.PATCH, "/api/incidents/in-x", "nora", "{\"status\":\"closed\"}").statusCode())
        .isEqualTo(403);
    // A malformed body from someone who may not write is refused for the role, not parsed.
    assertThat(send(HttpMethod.POST, "/api/incidents", "nora", "{").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/incidents?priority=1", "sam").bodyAsJsonObject().getJsonArray("items")).isEmpty();
  }

  @Test
  void unknownIncident_is404_badId_is400() throws Exception {
    assertThat(fixture.get("/api/incidents/in-nobody", "alice").statusCode()).isEqualTo(404);
    assertThat(send(HttpMethod.PATCH, "/api/incidents/in-nobody", "alice", "{\"status\":\"closed\"}").statusCode())
        .isEqualTo(404);
    assertError(fixture.get("/api/incidents/a%20b", "alice"), "id");
  }
}
