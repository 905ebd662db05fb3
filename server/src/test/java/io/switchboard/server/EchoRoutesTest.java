package io.switchboard.server;

import static io.switchboard.server.StorePersistenceTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The echo resource on the real WebRTC endpoint: a Chrome-shaped offer in, an ICE-lite answer out. */
@ExtendWith(VertxExtension.class)
class EchoRoutesTest {

  @TempDir
  Path dataDir;

  private SwitchboardServer server;
  private WebClient client;

  @BeforeEach
  void startServer(Vertx vertx) throws Exception {
    server = await(SwitchboardServer.start(vertx, TestConfigs.onFreePorts(dataDir)));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.httpPort()));
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      await(server.stop());
    }
  }

  @Test
  void chromeOffer_isAnswered_described_andClosed() throws Exception {
    HttpResponse<Buffer> created = await(client.post("/api/media/echo")
        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/sdp")
        .sendBuffer(Buffer.buffer(chromeOffer())));

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.getHeader("Content-Type")).isEqualTo("application/sdp");
    String location = created.getHeader("Location");
    assertThat(location).startsWith("/api/media/echo/");
    String answer = created.bodyAsString();
    assertThat(answer).startsWith("v=0").contains("m=audio ").contains("a=ice-lite")
        .contains("a=fingerprint:sha-256 ").containsAnyOf("PCMU/8000", "PCMA/8000");
    assertThat(server.webRtcPort()).isPositive();
    JsonObject health = await(client.get("/health").send()).bodyAsJsonObject();
    assertThat(health.getJsonObject("webrtc"))
        .isEqualTo(new JsonObject().put("port", server.webRtcPort()).put("sessions", 1));

    HttpResponse<Buffer> state = await(client.get(location).send());
    assertThat(state.statusCode()).isEqualTo(200);
    assertThat(state.bodyAsJsonObject()).isNotNull();

    assertThat(await(client.delete(location).send()).statusCode()).isEqualTo(204);
    assertThat(await(client.get(location).send()).statusCode()).isEqualTo(404);
  }

  @Test
  void offerWithoutAudio_is400WithTheParsersMessage() throws Exception {
    String videoOnly = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
        + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:96 VP8/90000\r\n";

    HttpResponse<Buffer> response = await(client.post("/api/media/echo")
        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/sdp")
        .sendBuffer(Buffer.buffer(videoOnly)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(response.bodyAsString()).isNotBlank();
  }

  private static String chromeOffer() throws Exception {
    try (InputStream in = EchoRoutesTest.class.getResourceAsStream("/sdp/chrome-audio-offer.sdp")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
