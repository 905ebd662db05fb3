package io.switchboard.server.api;

import static io.switchboard.server.api.HistoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.calls.FlowSimulationTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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

/** The IVR editor's questions: {@code /api/flows/check} and {@code /api/flows/simulate}, admins only, storing nothing. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowTestApiTest {

  HistoryFixture fixture;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
    for (String q : new String[] {"sales", "support"}) {
      HttpResponse<Buffer> r = post("PUT", "/api/config/queue/" + q, new JsonObject().put("name", q), "ada");
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    }
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  HttpResponse<Buffer> post(String method, String uri, JsonObject body, String user) throws Exception {
    return await(fixture.as(fixture.client.request(io.vertx.core.http.HttpMethod.valueOf(method), uri), user)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body.encode())));
  }

  @Test
  void simulate_walksTheDraftWithTheRoutingEngine_andStoresNothing() throws Exception {
    HttpResponse<Buffer> r = post("POST", "/api/flows/simulate", new JsonObject()
        .put("flow", FlowSimulationTest.hotline()).put("digits", "2").put("at", "2026-12-07T09:30:00Z"), "ada");

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("step")).isEqualTo("support");
    assertThat(r.bodyAsJsonObject().getString("phase")).isEqualTo("queued");
    assertThat(fixture.server.routingConfig().current().flows()).doesNotContainKey("hotline");
  }

  @Test
  void check_namesThePathThatReachesNoHuman() throws Exception {
    JsonObject flow = FlowSimulationTest.hotline();
    flow.getJsonObject("steps").getJsonObject("main").getJsonObject("options").put("4", "bye");
    flow.getJsonObject("steps").put("bye", new JsonObject().put("type", "hangup"));

    HttpResponse<Buffer> r = post("POST", "/api/flows/check", new JsonObject().put("id", "hotline").put("flow", flow),
        "ada");

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("problems").encode()).contains("cannot reach a human")
        .contains("step 'bye'");
  }

  @Test
  void anUploadedRecordingJoinsTheLibraryAt8kHz_andPlaysBack() throws Exception {
    int rate = 16000;
    short[] tone = new short[rate];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / rate));
    }
    java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + tone.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes()).putInt(36 + tone.length * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
        .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
        .putShort((short) 16).put("data".getBytes()).putInt(tone.length * 2);
    for (short v : tone) {
      wav.putShort(v);
    }

    HttpResponse<Buffer> uploaded = await(fixture.as(fixture.client.put("/api/prompts/en/my-greeting"), "ada")
        .putHeader("Content-Type", "audio/wav").sendBuffer(Buffer.buffer(wav.array())));

    assertThat(uploaded.statusCode()).as(uploaded.bodyAsString()).isEqualTo(201);
    assertThat(fixture.get("/api/prompts", "ada").bodyAsJsonObject().getJsonObject("languages").getJsonArray("en")
        .getList()).contains("my-greeting", "main-menu");
    HttpResponse<Buffer> played = fixture.get("/api/prompts/en/my-greeting", "ada");
    assertThat(played.statusCode()).isEqualTo(200);
    java.nio.ByteBuffer back = java.nio.ByteBuffer.wrap(played.body().getBytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertThat(back.getInt(24)).as("sample rate").isEqualTo(8000);
    assertThat(back.getShort(22)).as("channels").isEqualTo((short) 1);
    assertThat((played.body().length() - 44) / 2).as("one second at 8 kHz").isBetween(7900, 8100);

    HttpResponse<Buffer> notAudio = await(fixture.as(fixture.client.put("/api/prompts/en/bad-one"), "ada")
        .sendBuffer(Buffer.buffer("not audio")));
    assertThat(notAudio.statusCode()).as(notAudio.bodyAsString()).isEqualTo(422);
  }

  @Test
  void badInput_is422_andNonAdminsAreRefused() throws Exception {
    assertThat(post("POST", "/api/flows/simulate", new JsonObject().put("flow", FlowSimulationTest.hotline())
        .put("digits", "12a"), "ada").statusCode()).isEqualTo(422);
    assertThat(post("POST", "/api/flows/simulate", new JsonObject().put("flow", FlowSimulationTest.hotline())
        .put("at", "yesterday"), "ada").statusCode()).isEqualTo(422);
    assertThat(post("POST", "/api/flows/simulate", new JsonObject().put("flow", FlowSimulationTest.hotline()),
        "sam").statusCode()).isEqualTo(403);
  }
}
