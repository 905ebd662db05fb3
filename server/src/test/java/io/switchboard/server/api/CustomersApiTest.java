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

/** {@code /api/customers}: who may read and edit, what a customer must look like, and their history. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomersApiTest {

  HistoryFixture fixture;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  static JsonObject customer(String name, String... numbers) {
    return new JsonObject().put("name", name).put("numbers", new JsonArray(java.util.List.of(numbers)));
  }

  HttpResponse<Buffer> send(String method, String uri, String username, String body) throws Exception {
    var request = fixture.as(fixture.client.request(io.vertx.core.http.HttpMethod.valueOf(method), uri), username)
        .putHeader("Content-Type", "application/json");
    return await(request.sendBuffer(Buffer.buffer(body)));
  }

  JsonObject created(String username, JsonObject body) throws Exception {
    HttpResponse<Buffer> response = send("POST", "/api/customers", username, body.encode());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  @Test
  void supervisorCreatesACustomer_numbersAreNormalisedToE164_andAgentsReadItByIdAndNumber() throws Exception {
    JsonObject made = created("sam", customer("ТОВ Ромашка", "+49 30 1111-11").put("segment", "key account")
        .put("vip", true).put("personalManager", "a-alice").put("tags", new JsonArray().add("kyiv")));

    assertThat(made.getJsonArray("numbers")).containsExactly("+4930111111");
    assertThat(made.getString("id")).startsWith("cu-");
    assertThat(made.getString("createdAt")).isNotNull();
    HttpResponse<Buffer> byId = fixture.get("/api/customers/" + made.getString("id"), "alice");
    assertThat(byId.statusCode()).isEqualTo(200);
    assertThat(byId.bodyAsJsonObject().getString("name")).isEqualTo("ТОВ Ромашка");
    HttpResponse<Buffer> byNumber = fixture.get("/api/customers/by-number/%2B4930111111", "bob");
    assertThat(byNumber.statusCode()).isEqualTo(200);
    assertThat(byNumber.bodyAsJsonObject().getString("id")).isEqualTo(made.getString("id"));
    JsonObject list = fixture.get("/api/customers?segment=key%20account", "alice").bodyAsJsonObject();
    assertThat(list.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("id")))
        .contains(made.getString("id"));

    HttpResponse<Buffer> history = fixture.get("/api/customers/" + made.getString("id") + "/history", "bob");
    assertThat(history.statusCode()).isEqualTo(200);
    JsonArray calls = history.bodyAsJsonObject().getJsonArray("calls");
    // c-1 and c-5 came from +4930111111, c-5 last; both answered by Alice.
    assertThat(calls.stream().map(c -> ((JsonObject) c).getString("id"))).containsExactly("c-5", "c-1");
    assertThat(calls.getJsonObject(0).getString("outcome")).isEqualTo("answered");
    assertThat(calls.getJsonObject(0).getJsonObject("agent").getString("name")).isEqualTo("Alice Smith");
    assertThat(calls.getJsonObject(0).containsKey("recording")).isFalse();
    assertThat(history.bodyAsJsonObject().getJsonArray("openIncidents")).isEmpty();
    assertThat(history.bodyAsJsonObject().getJsonObject("customer").getString("personalManagerName"))
        .isEqualTo("Alice Smith");
    assertThat(calls.getJsonObject(1).getString("recordingUrl")).isEqualTo("/api/calls/c-1/recording");
  }

  @Test
  void adminReplacesACustomer_createdAtKept_unknownIdIs404() throws Exception {
    JsonObject made = created("ada", customer("Old name", "+4930222222"));
    String uri = "/api/customers/" + made.getString("id");

    HttpResponse<Buffer> put = send("PUT", uri, "ada", customer("New name", "+4930222222", "+380441234567")
        .put("blacklisted", true).encode());

    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    assertThat(put.bodyAsJsonObject().getString("name")).isEqualTo("New name");
    assertThat(put.bodyAsJsonObject().getBoolean("blacklisted")).isTrue();
    assertThat(java.time.Instant.parse(put.bodyAsJsonObject().getString("createdAt")))
        .isEqualTo(java.time.Instant.parse(made.getString("createdAt")));
    assertThat(fixture.get("/api/customers/by-number/+380441234567", "alice").statusCode()).isEqualTo(200);
    assertThat(send("PUT", "/api/customers/cu-nobody", "ada", customer("X", "+4930333333").encode()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aNumberAnotherCustomerHas_is409_andNothingChanges() throws Exception {
    created("sam", customer("First", "+4930444444"));

    HttpResponse<Buffer> second = send("POST", "/api/customers", "sam", customer("Second", "+4930444444").encode());

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.bodyAsJsonObject().getString("error")).contains("numbers");
    assertThat(fixture.get("/api/customers/by-number/%2B4930444444", "sam").bodyAsJsonObject().getString("name"))
        .isEqualTo("First");
  }

  @Test
  void agentsAndAccountsWithoutRoles_mayNotCreateOrEdit() throws Exception {
    JsonObject made = created("sam", customer("Guarded", "+4930555555"));
    String body = customer("Hijacked", "+4930555555").encode();

    assertThat(send("POST", "/api/customers", "alice", body).statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/api/customers/" + made.getString("id"), "bob", body).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/customers", "nora", body).statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/customers", "nora").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/customers/" + made.getString("id"), "nora").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/customers", null, body).statusCode()).isEqualTo(401);
    assertThat(fixture.anonymous("/api/customers/by-number/%2B4930555555").statusCode()).isEqualTo(401);
    assertThat(fixture.anonymous("/api/customers/" + made.getString("id") + "/history").statusCode())
        .isEqualTo(401);
    assertThat(fixture.get("/api/customers/" + made.getString("id"), "sam").bodyAsJsonObject().getString("name"))
        .isEqualTo("Guarded");
  }

  @Test
  void badBodies_are400NamingTheField() throws Exception {
    assertError(send("POST", "/api/customers", "sam", "{\"name\": \"x\", "), "not well-formed JSON");
    assertError(send("POST", "/api/customers", "sam", "[1, 2]"), "JSON object");
    assertError(send("POST", "/api/customers", "sam", "{} {}"), "not well-formed JSON");
    assertError(send("POST", "/api/customers", "sam", ""), "JSON object");
    assertError(send("POST", "/api/customers", "sam", customer("X", "+4930666666").put("nmae", "typo").encode()),
        "unknown field \"nmae\"");
    assertError(send("POST", "/api/customers", "sam", customer("X").encode()), "numbers");
    assertError(send("POST", "/api/customers", "sam", customer("X", "030 123456").encode()), "numbers[0]");
    assertError(send("POST", "/api/customers", "sam", customer("X", "+12").encode()), "numbers[0]");
    assertError(send("POST", "/api/customers", "sam", new JsonObject().put("numbers", new JsonArray()
        .add("+4930666666")).encode()), "name is required");
    assertError(send("POST", "/api/customers", "sam", customer("X", "+4930666666").put("vip", "yes").encode()),
        "vip");
    assertError(send("POST", "/api/customers", "sam", customer("X", "+4930666666").put("personalManager", "../x")
        .encode()), "personalManager");
    assertError(send("POST", "/api/customers", "sam", customer(" ", "+4930666666").encode()), "name");
    assertThat(fixture.get("/api/customers/by-number/%2B4930666666", "sam").statusCode()).isEqualTo(404);
  }

  @Test
  void badParametersAndIds_are400_unknownCustomerAndNumber_are404() throws Exception {
    assertError(fixture.get("/api/customers?colour=red", "alice"), "unknown parameter");
    assertError(fixture.get("/api/customers?vip=maybe", "alice"), "vip");
    assertError(fixture.get("/api/customers?limit=0", "alice"), "limit");
    assertError(fixture.get("/api/customers/by-number/12ab", "alice"), "number");
    assertError(fixture.get("/api/customers/a%20b", "alice"), "id");
    assertError(fixture.get("/api/customers/cu-x/history?limit=999", "alice"), "limit");
    assertThat(fixture.get("/api/customers/cu-nobody", "alice").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/api/customers/cu-nobody/history", "alice").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/api/customers/by-number/%2B4930000001", "alice").statusCode()).isEqualTo(404);
  }

  @Test
  void listPagesByCursor_newestFirst() throws Exception {
    String first = created("sam", customer("Page one", "+4930700001").put("segment", "paging")).getString("id");
    String second = created("sam", customer("Page two", "+4930700002").put("segment", "paging")).getString("id");

    JsonObject page1 = fixture.get("/api/customers?segment=paging&limit=1", "sam").bodyAsJsonObject();
    JsonObject page2 = fixture.get("/api/customers?segment=paging&limit=1&cursor=" + page1.getString("nextCursor"),
        "sam").bodyAsJsonObject();

    assertThat(page1.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(second);
    assertThat(page2.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(first);
  }

  static void assertError(HttpResponse<Buffer> response, String fragment) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).contains(fragment);
  }
}
