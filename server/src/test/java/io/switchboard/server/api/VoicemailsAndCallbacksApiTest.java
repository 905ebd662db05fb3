package io.switchboard.server.api;

import static io.switchboard.server.api.CustomersApiTest.assertError;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/voicemails} (supervisors and admins) and {@code /api/callbacks} (everyone, one open per number). */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoicemailsAndCallbacksApiTest {

  HistoryFixture fixture;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
    var store = fixture.server.store();
    await(store.saveQueue(new JsonObject().put("_id", "support").put("name", "Support")
        .put("dids", new JsonArray())));
    await(store.voicemails().save(voicemail("vm-1", "+4930111111", "new", "vm/vm-1.wav")));
    await(store.voicemails().save(voicemail("vm-2", "+4930222222", "recording", "vm/vm-2.wav")));
    await(store.voicemails().save(voicemail("vm-3", "+4930333333", "new", "../../jwt-secret")));
    fixture.writeRecording("vm/vm-1.wav", 500);
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  static JsonObject voicemail(String id, String from, String status, String file) {
    return new JsonObject().put("_id", id).put("callId", "c-" + id).put("from", from).putNull("customerId")
        .put("mailbox", "support").put("lang", "en").put("status", status)
        .put("recording", new JsonObject().put("file", file).put("durationMillis", 3000).put("bytes", 500))
        .put("createdAt", new JsonObject().put("$date", "2026-11-23T10:00:00Z"))
        .put("updatedAt", new JsonObject().put("$date", "2026-11-23T10:00:00Z"));
  }

  HttpResponse<Buffer> send(HttpMethod method, String uri, String username, String body) throws Exception {
    return await(fixture.as(fixture.client.request(method, uri), username)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
  }

  @Test
  void supervisorListsVoicemails_byStatus_andNeverSeesTheFileName() throws Exception {
    HttpResponse<Buffer> list = fixture.get("/api/voicemails?status=new", "sam");

    assertThat(list.statusCode()).as(list.bodyAsString()).isEqualTo(200);
    JsonArray items = list.bodyAsJsonObject().getJsonArray("items");
    assertThat(items.stream().map(v -> ((JsonObject) v).getString("id"))).containsExactly("vm-3", "vm-1");
    assertThat(items.getJsonObject(1).getJsonObject("recording").getString("url"))
        .isEqualTo("/api/voicemails/vm-1/audio");
    assertThat(list.bodyAsString()).doesNotContain("vm/vm-1.wav", "jwt-secret");
    assertThat(fixture.get("/api/voicemails?from=%2B4930222222", "ada").bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0).getString("id")).isEqualTo("vm-2");
    assertThat(fixture.get("/api/voicemails?limit=1", "sam").bodyAsJsonObject().getString("nextCursor"))
        .isEqualTo("vm-3");
  }

  @Test
  void voicemailAudio_isServedInRanges_andEveryListenIsAudited() throws Exception {
    HttpResponse<Buffer> part = await(fixture.as(fixture.client.get("/api/voicemails/vm-1/audio"), "sam")
        .putHeader("Range", "bytes=100-199").send());

    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.getHeader("Content-Range")).isEqualTo("bytes 100-199/500");
    assertThat(part.body().getBytes()).isEqualTo(HistoryFixture.pattern(100, 100));
    JsonObject audit = fixture.get("/api/audit?callId=c-vm-1", "ada").bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0);
    assertThat(audit.getString("action")).isEqualTo("voicemail.listen");
    assertThat(audit.getString("voicemailId")).isEqualTo("vm-1");
    assertThat(audit.getJsonObject("by").getString("id")).isEqualTo("a-sam");
    assertThat(audit.getString("bytes")).isEqualTo("100-199/500");
  }

  @Test
  void voicemailRefusals() throws Exception {
    assertThat(fixture.get("/api/voicemails", "alice").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/voicemails/vm-1/audio", "alice").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/voicemails/vm-1", "nora").statusCode()).isEqualTo(403);
    assertThat(fixture.anonymous("/api/voicemails").statusCode()).isEqualTo(401);
    assertThat(fixture.get("/api/voicemails/vm-3/audio", "ada").statusCode()).isEqualTo(404); // ../ in the file
    assertThat(fixture.get("/api/voicemails/..%2F..%2Fetc/audio", "ada").statusCode()).isEqualTo(400);
    assertThat(fixture.get("/api/voicemails/vm-404", "ada").statusCode()).isEqualTo(404);
    assertError(fixture.get("/api/voicemails?status=lost", "sam"), "status");
    assertError(fixture.get("/api/voicemails?colour=red", "sam"), "unknown parameter");
    assertError(send(HttpMethod.PATCH, "/api/voicemails/vm-1", "sam", "{\"status\": "), "not well-formed JSON");
    assertError(send(HttpMethod.PATCH, "/api/voicemails/vm-1", "sam", "{\"status\": \"recording\"}"), "status");
    assertThat(send(HttpMethod.PATCH, "/api/voicemails/vm-1", "alice", "{\"status\": \"heard\"}").statusCode())
        .isEqualTo(403);
    assertThat(send(HttpMethod.PATCH, "/api/voicemails/vm-2", "sam", "{\"status\": \"heard\"}").statusCode())
        .isEqualTo(409); // still being recorded
    assertThat(fixture.get("/api/voicemails/vm-2", "sam").bodyAsJsonObject().getString("status"))
        .isEqualTo("recording");
  }

  @Test
  void supervisorMarksAVoicemailHeard() throws Exception {
    HttpResponse<Buffer> heard = send(HttpMethod.PATCH, "/api/voicemails/vm-1", "sam", "{\"status\": \"heard\"}");
    assertThat(heard.statusCode()).as(heard.bodyAsString()).isEqualTo(200);
    assertThat(heard.bodyAsJsonObject().getString("status")).isEqualTo("heard");
    assertThat(fixture.get("/api/voicemails/vm-1", "ada").bodyAsJsonObject().getString("status"))
        .isEqualTo("heard");
  }

  @Test
  void agentBooksACallback_aSecondForTheSameCallerIs409_untilTheFirstIsDone() throws Exception {
    JsonObject request = new JsonObject().put("number", "+49 30 7777777").put("queueId", "support")
        .put("notes", "Call after 3 pm");
    HttpResponse<Buffer> booked = send(HttpMethod.POST, "/api/callbacks", "alice", request.encode());

    assertThat(booked.statusCode()).as(booked.bodyAsString()).isEqualTo(201);
    JsonObject callback = booked.bodyAsJsonObject();
    assertThat(callback.getString("number")).isEqualTo("+49307777777");
    assertThat(callback.getString("status")).isEqualTo("pending");
    assertThat(callback.getString("reason")).isEqualTo("requested");
    assertThat(booked.getHeader("Location")).isEqualTo("/api/callbacks/" + callback.getString("id"));
    HttpResponse<Buffer> second = send(HttpMethod.POST, "/api/callbacks", "bob", request.encode());
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.bodyAsJsonObject().getString("error")).contains(callback.getString("id"));

    String uri = "/api/callbacks/" + callback.getString("id");
    HttpResponse<Buffer> taken = send(HttpMethod.PATCH, uri, "alice", new JsonObject()
        .put("status", "in_progress").put("assignedTo", "a-alice").encode());
    assertThat(taken.statusCode()).as(taken.bodyAsString()).isEqualTo(200);
    assertThat(send(HttpMethod.PATCH, uri, "bob", "{\"notes\": \"mine now\"}").statusCode()).isEqualTo(403);
    assertThat(send(HttpMethod.PATCH, uri, "alice", "{\"status\": \"done\"}").statusCode()).isEqualTo(200);
    assertThat(send(HttpMethod.POST, "/api/callbacks", "bob", request.encode()).statusCode()).isEqualTo(201);

    List<String> pending = fixture.get("/api/callbacks?status=pending&number=%2B49307777777", "sam")
        .bodyAsJsonObject().getJsonArray("items").stream().map(c -> ((JsonObject) c).getString("status")).toList();
    assertThat(pending).containsExactly("pending");
  }

  @Test
  void callbackRefusals_changeNothing() throws Exception {
    String ok = new JsonObject().put("number", "+4930666000").put("queueId", "support").encode();
    assertThat(send(HttpMethod.POST, "/api/callbacks", "nora", ok).statusCode()).isEqualTo(403);
    assertThat(send(HttpMethod.POST, "/api/callbacks", null, ok).statusCode()).isEqualTo(401);
    assertError(send(HttpMethod.POST, "/api/callbacks", "alice", "{\"number\": "), "not well-formed JSON");
    assertError(send(HttpMethod.POST, "/api/callbacks", "alice", new JsonObject().put("number", "030 1234")
        .put("queueId", "support").encode()), "number");
    assertError(send(HttpMethod.POST, "/api/callbacks", "alice", new JsonObject().put("number", "+4930666000")
        .put("queueId", "../x").encode()), "queueId");
    assertError(send(HttpMethod.POST, "/api/callbacks", "alice", new JsonObject().put("number", "+4930666000")
        .put("queueId", "support").put("notes", "x".repeat(4001)).encode()), "notes");
    assertError(send(HttpMethod.POST, "/api/callbacks", "alice", new JsonObject().put("number", "+4930666000")
        .put("queueId", "support").put("reason", "bored").encode()), "reason");
    assertThat(send(HttpMethod.POST, "/api/callbacks", "alice", new JsonObject().put("number", "+4930666000")
        .put("queueId", "nowhere").encode()).statusCode()).isEqualTo(422);
    assertThat(send(HttpMethod.POST, "/api/callbacks", "alice", new JsonObject().put("number", "+4930666000")
        .put("queueId", "support").put("callId", "c-404").encode()).statusCode()).isEqualTo(422);
    assertThat(fixture.get("/api/callbacks?number=%2B4930666000", "sam").bodyAsJsonObject().getJsonArray("items"))
        .isEmpty();

    String id = send(HttpMethod.POST, "/api/callbacks", "alice", ok).bodyAsJsonObject().getString("id");
    String uri = "/api/callbacks/" + id;
    assertThat(send(HttpMethod.PATCH, uri, "alice", "{\"assignedTo\": \"a-bob\"}").statusCode()).isEqualTo(403);
    assertThat(send(HttpMethod.PATCH, uri, "sam", "{\"assignedTo\": \"a-bob\"}").statusCode()).isEqualTo(200);
    assertError(send(HttpMethod.PATCH, uri, "sam", "{\"status\": \"lost\"}"), "status");
    assertError(send(HttpMethod.PATCH, uri, "sam", "{}"), "nothing to change");
    assertError(send(HttpMethod.PATCH, uri, "sam", "{\"number\": \"+4930000000\"}"), "unknown field");
    assertThat(send(HttpMethod.PATCH, "/api/callbacks/cb-404", "sam", "{\"notes\": \"x\"}").statusCode())
        .isEqualTo(404);
    assertThat(send(HttpMethod.PATCH, "/api/callbacks/..%2Fx", "sam", "{\"notes\": \"x\"}").statusCode())
        .isEqualTo(400);
    JsonObject after = fixture.get(uri, "alice").bodyAsJsonObject();
    assertThat(after.getString("assignedTo")).isEqualTo("a-bob");
    assertThat(after.getString("status")).isEqualTo("pending");
    assertError(fixture.get("/api/callbacks?status=lost", "alice"), "status");
  }
}
