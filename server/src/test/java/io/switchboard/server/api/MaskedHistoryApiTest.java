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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Number masking in the history (issue 13): a call of a masking queue shows an agent the customer's number as its
 * last digits only, in the calls list, the call's detail and the customer's history page; a supervisor sees it whole.
 * The agent calls back by the call's id (call.dial ref), so the number never has to reach the browser.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaskedHistoryApiTest {
  private static final String SECRET = "+4930777123";

  HistoryFixture fixture;
  String customerId;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
    JsonObject masked = HistoryFixture.call("c-m1", SECRET, "+4930555000", "vip", "VIP", "a-alice", "answered",
        "2026-03-07T08:00:00Z").put("maskNumbers", true);
    masked.getJsonArray("timeline").getJsonObject(0).put("from", SECRET);
    await(fixture.server.store().saveCall(masked));
    HttpResponse<Buffer> made = await(fixture.as(fixture.client.post("/api/customers"), "sam")
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(new JsonObject().put("name", "Quiet Customer")
            .put("numbers", new JsonArray().add(SECRET)).encode())));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    customerId = made.bodyAsJsonObject().getString("id");
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  @Test
  void agentSeesTheMaskedCallsNumber_lastDigitsOnly_inListAndDetail() throws Exception {
    String list = fixture.get("/api/calls", "alice").bodyAsString();
    JsonObject detail = fixture.get("/api/calls/c-m1", "alice").bodyAsJsonObject();

    assertThat(list).doesNotContain(SECRET).contains("•••••••7123");
    assertThat(fixture.get("/api/calls.csv", "alice").bodyAsString()).as("the agent's CSV export")
        .doesNotContain(SECRET).contains("7123");
    assertThat(fixture.get("/api/calls.csv", "sam").bodyAsString()).contains(SECRET);
    assertThat(detail.getString("from")).isEqualTo("•••••••7123");
    assertThat(detail.getBoolean("masked")).isTrue();
    assertThat(detail.encode()).as("raw SIP values and the timeline too").doesNotContain(SECRET);
    assertThat(detail.getString("id")).as("what call.dial {ref} calls back").isEqualTo("c-m1");
    // Calls of queues that do not mask stay as they were.
    assertThat(fixture.get("/api/calls/c-1", "alice").bodyAsJsonObject().getString("from")).isEqualTo("+4930111111");
  }

  @Test
  void supervisorSeesTheNumberWhole() throws Exception {
    JsonObject detail = fixture.get("/api/calls/c-m1", "sam").bodyAsJsonObject();

    assertThat(detail.getString("from")).isEqualTo(SECRET);
    assertThat(detail.containsKey("masked")).isFalse();
  }

  @Test
  void customerHistoryPage_showsAnAgentTheCustomersNumbersMasked_aSupervisorWhole() throws Exception {
    String uri = "/api/customers/" + customerId + "/history";
    JsonObject asAgent = fixture.get(uri, "bob").bodyAsJsonObject();
    JsonObject asSupervisor = fixture.get(uri, "sam").bodyAsJsonObject();

    assertThat(asAgent.encode()).doesNotContain(SECRET);
    assertThat(asAgent.getJsonObject("customer").getJsonArray("numbers")).containsExactly("•••••••7123");
    assertThat(asAgent.getJsonArray("calls").getJsonObject(0).getString("from")).isEqualTo("•••••••7123");
    assertThat(asAgent.getJsonArray("calls").getJsonObject(0).getString("id")).isEqualTo("c-m1");
    assertThat(asSupervisor.getJsonObject("customer").getJsonArray("numbers")).containsExactly(SECRET);
    assertThat(asSupervisor.getJsonArray("calls").getJsonObject(0).getString("from")).isEqualTo(SECRET);
  }

  @Test
  void customersListCardAndLookup_showAnAgentTheNumbersOfACustomerOfAMaskingQueueMasked() throws Exception {
    HttpResponse<Buffer> plain = await(fixture.as(fixture.client.post("/api/customers"), "sam")
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(new JsonObject().put("name", "Open Customer")
            .put("numbers", new JsonArray().add("+4930111111")).encode())));
    assertThat(plain.statusCode()).as(plain.bodyAsString()).isEqualTo(201);

    String list = fixture.get("/api/customers", "bob").bodyAsString();
    JsonObject card = fixture.get("/api/customers/" + customerId, "bob").bodyAsJsonObject();
    JsonObject byNumber = fixture.get("/api/customers/by-number/%2B4930777123", "bob").bodyAsJsonObject();
    String search = fixture.get("/api/customers?number=%2B4930777123", "bob").bodyAsString();

    assertThat(list).doesNotContain(SECRET).contains("•••••••7123")
        .as("a customer who never called a masking queue stays whole").contains("+4930111111");
    assertThat(card.getJsonArray("numbers")).containsExactly("•••••••7123");
    assertThat(card.getBoolean("masked")).isTrue();
    assertThat(byNumber.encode()).doesNotContain(SECRET);
    assertThat(byNumber.getString("id")).isEqualTo(customerId);
    assertThat(search).doesNotContain(SECRET).contains(customerId);
    assertThat(fixture.get("/api/customers/" + customerId, "sam").bodyAsJsonObject().getJsonArray("numbers"))
        .containsExactly(SECRET);
    assertThat(fixture.get("/api/customers", "ada").bodyAsString()).contains(SECRET);
  }
}
