package io.switchboard.server.api;

import static io.switchboard.server.api.HistoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.signaling.Passwords;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the admin console's forms send, refused at the API with each problem's field path (the console shows it under
 * that field), nothing stored; every accepted change names its author and is in the audit log.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminFormsValidationTest {

  HistoryFixture fixture;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  private HttpResponse<Buffer> send(String method, String uri, JsonObject body, String note) throws Exception {
    HttpRequest<Buffer> request = fixture.as(fixture.client.request(HttpMethod.valueOf(method), uri), "ada");
    if (note != null) {
      request.putHeader("X-Change-Note", URLEncoder.encode(note, StandardCharsets.UTF_8));
    }
    return body == null ? await(request.send())
        : await(request.putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer()));
  }

  /** Asserts a 422 whose details name {@code path} of kind/id with a message containing {@code words}. */
  private void refusedAt(HttpResponse<Buffer> response, String kind, String id, String path, String words) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(422);
    JsonArray details = response.bodyAsJsonObject().getJsonArray("details");
    assertThat(details.stream().map(JsonObject.class::cast))
        .as(details.encodePrettily())
        .anySatisfy(d -> {
          assertThat(d.getString("kind")).isEqualTo(kind);
          assertThat(d.getString("id")).isEqualTo(id);
          assertThat(d.getString("path")).isEqualTo(path);
          assertThat(d.getString("message")).contains(words);
        });
  }

  private void absent(String kind, String id) throws Exception {
    assertThat(fixture.get("/api/config/" + kind + "/" + id, "ada").statusCode()).isEqualTo(404);
  }

  @Test
  void queue_badRingTime_is422AtOfferTimeout() throws Exception {
    refusedAt(send("PUT", "/api/config/queue/q-form", new JsonObject().put("name", "Form")
        .put("offerTimeout", 0), null), "queue", "q-form", "offerTimeout", "1..600");
    refusedAt(send("PUT", "/api/config/queue/q-form", new JsonObject().put("whenMaxWait",
        new JsonObject().put("kind", "queue").put("queue", "nowhere")), null), "queue", "q-form", "whenMaxWait",
        "unknown queue 'nowhere'");
    absent("queue", "q-form");
  }

  @Test
  void agent_skillProficiencyOutOfRange_is422AtThatSkill() throws Exception {
    refusedAt(send("PUT", "/api/config/agent/a-form", new JsonObject()
        .put("skills", new JsonObject().put("english", 7)), null), "agent", "a-form", "skills.english", "not in 1..5");
    refusedAt(send("PUT", "/api/config/agent/a-form", new JsonObject()
        .put("queues", new JsonArray().add("no-such-queue")), null), "agent", "a-form", "queues", "does not exist");
    absent("agent", "a-form");
  }

  @Test
  void group_memberWhoIsNoAgent_is422AtMembers() throws Exception {
    refusedAt(send("PUT", "/api/config/group/g-form", new JsonObject().put("name", "Form")
        .put("members", new JsonArray().add("a-ghost")), null), "group", "g-form", "members", "not a configured agent");
    absent("group", "g-form");
  }

  @Test
  void schedule_badZoneAndHoliday_are422AtTheirFields() throws Exception {
    HttpResponse<Buffer> refused = send("PUT", "/api/config/schedule/office", new JsonObject().put("name", "Office")
        .put("zone", "Europe/Atlantis").put("week", new JsonObject().put("mon", new JsonArray().add("09:00-25:00")))
        .put("holidays", new JsonArray().add(new JsonObject().put("date", "2026-02-30").put("name", "Never"))), null);
    refusedAt(refused, "schedule", "office", "zone", "unknown time zone");
    refusedAt(refused, "schedule", "office", "week.mon.0", "HH:MM-HH:MM");
    refusedAt(refused, "schedule", "office", "holidays.0.date", "not a date");
    absent("schedule", "office");
  }

  @Test
  void list_numberNotE164_is422AtThatNumber() throws Exception {
    refusedAt(send("PUT", "/api/config/list/blocked", new JsonObject().put("name", "Pranksters").put("type", "block")
        .put("numbers", new JsonArray().add("+380990000666").add("0800 123")), null), "list", "blocked",
        "numbers.1", "not an E.164 number");
    refusedAt(send("PUT", "/api/config/list/blocked", new JsonObject().put("numbers", new JsonArray()), null),
        "list", "blocked", "type", "required");
    absent("list", "blocked");
  }

  @Test
  void settings_reasonTheAcdSetsItself_is422AtNotReadyReasons() throws Exception {
    refusedAt(send("PUT", "/api/config/settings/default", new JsonObject().put("notReadyReasons",
        new JsonArray().add("lunch").add("login")), null), "settings", "default", "notReadyReasons",
        "set by the ACD itself");
  }

  @Test
  void user_badFields_are422WithTheirPaths_andNoAccountIsMade() throws Exception {
    HttpResponse<Buffer> refused = send("PUT", "/api/users/a-new", new JsonObject().put("username", "bad name")
        .put("roles", new JsonArray().add("agent").add("boss")).put("password", "short"), null);
    refusedAt(refused, "user", "a-new", "username", "letters, digits");
    refusedAt(refused, "user", "a-new", "roles.1", "unknown role");
    refusedAt(refused, "user", "a-new", "password", "at least 8");
    refusedAt(send("PUT", "/api/users/a-new", new JsonObject().put("username", "newbie")
        .put("roles", new JsonArray().add("agent")), null), "user", "a-new", "password", "required");
    refusedAt(send("PUT", "/api/users/a-new", new JsonObject().put("username", "sam")
        .put("roles", new JsonArray().add("agent")).put("password", "long-enough"), null), "user", "a-new",
        "username", "taken");
    refusedAt(send("PUT", "/api/users/a-ada", new JsonObject().put("username", "ada")
        .put("roles", new JsonArray().add("agent")), null), "user", "a-ada", "roles", "from yourself");
    assertThat(await(fixture.server.store().account("a-new"))).isEmpty();
  }

  @Test
  void userCreatedAndPasswordReset_hashedNeverShown_allAudited() throws Exception {
    HttpResponse<Buffer> created = send("PUT", "/api/users/a-nina", new JsonObject().put("username", "nina")
        .put("name", "Nina Koval").put("roles", new JsonArray().add("agent").add("supervisor"))
        .put("password", "first-password"), "new supervisor");
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.bodyAsString()).doesNotContain("first-password").doesNotContain("passwordHash");
    String firstHash = await(fixture.server.store().account("a-nina")).orElseThrow().passwordHash();
    assertThat(Passwords.verify("first-password", firstHash)).isTrue();

    refusedAt(send("POST", "/api/users/a-nina/password", new JsonObject().put("password", "1234567"), null),
        "user", "a-nina", "password", "at least 8");
    HttpResponse<Buffer> reset = send("POST", "/api/users/a-nina/password", new JsonObject()
        .put("password", "second-password"), null);
    assertThat(reset.statusCode()).as(reset.bodyAsString()).isEqualTo(200);
    String secondHash = await(fixture.server.store().account("a-nina")).orElseThrow().passwordHash();
    assertThat(Passwords.verify("second-password", secondHash)).isTrue();
    assertThat(Passwords.verify("first-password", secondHash)).isFalse();

    JsonArray users = fixture.get("/api/users", "ada").bodyAsJsonObject().getJsonArray("items");
    assertThat(users.encode()).contains("\"nina\"").doesNotContain("$2a$");
    assertThat(fixture.get("/api/users", "sam").statusCode()).isEqualTo(403);

    JsonArray audit = fixture.get("/api/audit?action=user.&user=ada", "ada").bodyAsJsonObject()
        .getJsonArray("items");
    assertThat(audit.stream().map(JsonObject.class::cast).map(e -> e.getString("action") + " " + e.getString(
        "objectId"))).containsExactly("user.password a-nina", "user.put a-nina");
    assertThat(audit.getJsonObject(1).getString("note")).isEqualTo("new supervisor");
    assertThat(audit.encode()).doesNotContain("password\":").doesNotContain("second-password");
  }

  @Test
  void configChange_namesItsAuthor_andIsInTheAuditLogWithItsNote() throws Exception {
    HttpResponse<Buffer> saved = send("PUT", "/api/config/list/vips", new JsonObject().put("name", "Важные")
        .put("type", "vip").put("numbers", new JsonArray().add("+380500000777")), "VIP: наш клієнт");
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(201);
    assertThat(saved.bodyAsJsonObject().getString("author")).isEqualTo("a-ada");
    send("POST", "/api/config/list/vips/rollback", null, null);

    List<JsonObject> entries = fixture.get("/api/audit?action=config.", "ada").bodyAsJsonObject()
        .getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(e -> "vips".equals(e.getString("objectId"))).toList();
    assertThat(entries).extracting(e -> e.getString("action")).containsExactly("config.rollback", "config.put");
    assertThat(entries.get(1).getString("kind")).isEqualTo("list");
    assertThat(entries.get(1).getLong("version")).isEqualTo(1L);
    assertThat(entries.get(1).getString("note")).isEqualTo("VIP: наш клієнт");
    assertThat(entries.get(1).getJsonObject("by").getString("username")).isEqualTo("ada");
    assertThat(fixture.get("/api/audit?action=Config..", "ada").statusCode()).isEqualTo(400);
  }

  @Test
  void csvImport_readsASpreadsheetsNumbersToE164_andNamesTheRowsItCannotRead() throws Exception {
    String csv = "Name;Phone\r\n\"Koval, Olena\";+380 50 000 07 77\r\nPetro;050-000-0778\r\nJunk;12\r\n"
        + "Again;+380500000777\r\n";
    HttpResponse<Buffer> read = await(fixture.as(fixture.client.post("/api/lists/import?region=UA"), "ada")
        .putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer(csv)));
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    JsonObject body = read.bodyAsJsonObject();
    assertThat(body.getJsonArray("numbers").getList()).containsExactly("+380500000777", "+380500000778");
    assertThat(body.getInteger("rows")).isEqualTo(4);
    assertThat(body.getJsonArray("rejected").getJsonObject(0).getString("value")).isEqualTo("12");
    assertThat(body.getJsonArray("rejected").getJsonObject(0).getLong("line")).isEqualTo(4L);

    HttpResponse<Buffer> international = await(fixture.as(fixture.client.post("/api/lists/import"), "ada")
        .sendBuffer(Buffer.buffer("050-000-0778\n")));
    assertThat(international.bodyAsJsonObject().getJsonArray("rejected").getJsonObject(0).getString("reason"))
        .contains("not international");
    assertThat(await(fixture.as(fixture.client.post("/api/lists/import"), "sam").sendBuffer(Buffer.buffer(csv)))
        .statusCode()).isEqualTo(403);
  }

  @Test
  void agentForm_listsTheCustomersTheAgentIsPersonalManagerOf() throws Exception {
    HttpResponse<Buffer> created = send("POST", "/api/customers", new JsonObject().put("name", "Olena")
        .put("numbers", new JsonArray().add("+380500001234")).put("personalManager", "a-pm"), null);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    send("POST", "/api/customers", new JsonObject().put("name", "Someone else")
        .put("numbers", new JsonArray().add("+380500001235")), null);

    JsonArray managed = fixture.get("/api/customers?personalManager=a-pm", "ada").bodyAsJsonObject()
        .getJsonArray("items");
    assertThat(managed.stream().map(c -> ((JsonObject) c).getString("name"))).containsExactly("Olena");
    assertThat(fixture.get("/api/customers?personalManager=a-pm&vip=true", "ada").statusCode()).isEqualTo(400);
  }
}
