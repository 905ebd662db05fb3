package io.switchboard.server.api;

import static io.switchboard.server.api.HistoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/calls/{id}/recording}: who may listen, ranges, no way out of the folder, and the audit. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordingApiTest {

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
  void agent_hearsTheirOwnCall_wholeFileInline_andTheListenIsAudited() throws Exception {
    HttpResponse<Buffer> response = fixture.get("/api/calls/c-1/recording", "alice");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("audio/wav");
    assertThat(response.getHeader("Accept-Ranges")).isEqualTo("bytes");
    assertThat(response.getHeader("Content-Disposition")).isEqualTo("inline; filename=\"c-1.wav\"");
    assertThat(response.body().getBytes()).isEqualTo(HistoryFixture.pattern(0, 1000));

    JsonObject entry = auditOf("c-1").getJsonObject(0);
    assertThat(entry.getString("action")).isEqualTo("recording.listen");
    assertThat(entry.getString("callId")).isEqualTo("c-1");
    assertThat(entry.getJsonObject("by").getString("id")).isEqualTo("a-alice");
    assertThat(entry.getJsonObject("by").getString("username")).isEqualTo("alice");
    assertThat(entry.getString("ip")).isEqualTo("127.0.0.1");
    assertThat(entry.getString("bytes")).isEqualTo("0-999/1000");
    assertThat(entry.getString("at")).isNotBlank();
  }

  @Test
  void download_isAnAttachment() throws Exception {
    HttpResponse<Buffer> response = fixture.get("/api/calls/c-2/recording?download=true", "bob");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"c-2.wav\"");
    assertThat(fixture.get("/api/calls/c-2/recording?download=yes", "bob").statusCode()).isEqualTo(400);
    assertThat(fixture.get("/api/calls/c-2/recording?path=/etc/passwd", "bob").statusCode()).isEqualTo(400);
  }

  @Test
  void rangeRequests_get206WithThoseBytes_orA416PastTheEnd() throws Exception {
    HttpResponse<Buffer> middle = range("c-1", "bytes=100-199");
    assertThat(middle.statusCode()).isEqualTo(206);
    assertThat(middle.getHeader("Content-Range")).isEqualTo("bytes 100-199/1000");
    assertThat(middle.body().getBytes()).isEqualTo(HistoryFixture.pattern(100, 100));

    HttpResponse<Buffer> open = range("c-1", "bytes=990-");
    assertThat(open.statusCode()).isEqualTo(206);
    assertThat(open.body().getBytes()).isEqualTo(HistoryFixture.pattern(990, 10));

    HttpResponse<Buffer> suffix = range("c-1", "bytes=-5");
    assertThat(suffix.getHeader("Content-Range")).isEqualTo("bytes 995-999/1000");
    assertThat(suffix.body().getBytes()).isEqualTo(HistoryFixture.pattern(995, 5));

    HttpResponse<Buffer> past = range("c-1", "bytes=1000-");
    assertThat(past.statusCode()).isEqualTo(416);
    assertThat(past.getHeader("Content-Range")).isEqualTo("bytes */1000");

    HttpResponse<Buffer> several = range("c-1", "bytes=0-1,5-6");
    assertThat(several.statusCode()).isEqualTo(200);
    assertThat(several.body().length()).isEqualTo(1000);

    assertThat(auditOf("c-1").stream().map(e -> ((JsonObject) e).getString("bytes")))
        .contains("100-199/1000", "990-999/1000", "995-999/1000");
  }

  @Test
  void agent_cannotHearACallSomebodyElseAnswered_supervisorAndAdminCan() throws Exception {
    HttpResponse<Buffer> refused = fixture.get("/api/calls/c-2/recording", "alice");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/json");

    assertThat(fixture.get("/api/calls/c-2/recording", "sam").statusCode()).isEqualTo(200);
    assertThat(fixture.get("/api/calls/c-2/recording", "ada").statusCode()).isEqualTo(200);
    assertThat(auditOf("c-2").stream().map(e -> ((JsonObject) e).getJsonObject("by").getString("username")))
        .contains("sam", "ada").doesNotContain("alice");
  }

  @Test
  void storedNameThatLeavesTheFolder_isNoRecording_andNothingIsAudited() throws Exception {
    Files.writeString(dataDir.resolve("jwt-secret-decoy"), "secret");

    HttpResponse<Buffer> response = fixture.get("/api/calls/c-4/recording", "alice");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("no recording");
    assertThat(response.bodyAsString()).doesNotContain("jwt-secret");
    assertThat(auditOf("c-4")).isEmpty();
  }

  @Test
  void traversalInTheId_isRefused() throws Exception {
    for (String id : new String[] {"..%2F..%2Fjwt-secret", "%2E%2E%2F%2E%2E%2Fmongo.mv.db", "c-1%2F..%2F..%2Fx"}) {
      HttpResponse<Buffer> response = fixture.get("/api/calls/" + id + "/recording", "sam");
      assertThat(response.statusCode()).as(id).isIn(400, 404);
      assertThat(response.getHeader("Content-Type")).as(id).isEqualTo("application/json");
    }
    assertThat(fixture.get("/api/calls/..%2F..%2Fjwt-secret/recording", "sam").statusCode()).isEqualTo(400);
  }

  @Test
  void callWithoutRecording_orWithItsFileGone_is404() throws Exception {
    assertThat(fixture.get("/api/calls/c-5/recording", "alice").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/api/calls/c-6/recording", "alice").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/api/calls/c-3/recording", "sam").statusCode()).isEqualTo(404);
    assertThat(fixture.get("/api/calls/c-404/recording", "sam").statusCode()).isEqualTo(404);
    assertThat(auditOf("c-5")).isEmpty();
    assertThat(auditOf("c-6")).isEmpty();
  }

  private HttpResponse<Buffer> range(String callId, String range) throws Exception {
    return await(fixture.as(fixture.client.get("/api/calls/" + callId + "/recording"), "alice")
        .putHeader("Range", range).send());
  }

  private JsonArray auditOf(String callId) throws Exception {
    HttpResponse<Buffer> response = fixture.get("/api/audit?callId=" + callId + "&limit=200", "ada");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items");
  }
}
