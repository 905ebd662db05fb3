package io.switchboard.server;

import static io.switchboard.server.StorePersistenceTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.testpeer.WebRtcTestPeer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
  private Vertx vertxForPolling;
  private WebClient client;
  private String token;

  @BeforeEach
  void startServer(Vertx vertx) throws Exception {
    vertxForPolling = vertx;
    server = await(SwitchboardServer.start(vertx, TestConfigs.onFreePorts(dataDir)));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.httpPort()));
    token = TestAccounts.agentToken(server, client, "echo-tester");
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      await(server.stop());
    }
  }

  @Test
  void chromeOffer_isAnswered_described_andClosed() throws Exception {
    HttpResponse<Buffer> created = await(signedIn(client.post("/api/media/echo"))
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

    HttpResponse<Buffer> state = await(signedIn(client.get(location)).send());
    assertThat(state.statusCode()).isEqualTo(200);
    assertThat(state.bodyAsJsonObject()).isNotNull();

    assertThat(await(signedIn(client.delete(location)).send()).statusCode()).isEqualTo(204);
    assertThat(awaitEnded(location).getString("closeReason")).isEqualTo("LOCAL");
    assertThat(await(signedIn(client.delete(location)).send()).statusCode()).isEqualTo(404);
    assertThat(await(signedIn(client.get("/api/media/echo/nosuchsession")).send()).statusCode()).isEqualTo(404);
  }

  @Test
  void javaTestPeer_hearsItsOwnToneBackThroughTheServer() throws Exception {
    try (WebRtcTestPeer peer = WebRtcTestPeer.create()) {
      HttpResponse<Buffer> created = post(peer.createOffer());
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
      peer.connect(created.bodyAsString()).get(10, TimeUnit.SECONDS);
      peer.startTone(1000);

      double level = peer.awaitTone(1000, 0.8, Duration.ofSeconds(5)).get(6, TimeUnit.SECONDS);

      assertThat(level).isGreaterThan(0.8);
      assertThat(peer.toneLevel(440)).isLessThan(0.05);
      JsonObject state = await(signedIn(client.get(created.getHeader("Location"))).send()).bodyAsJsonObject();
      assertThat(state.getString("state")).isEqualTo("connected");
      assertThat(state.getLong("rtpReceived")).isPositive();
      assertThat(state.getLong("rtpSent")).isPositive();
    }
  }

  @Test
  void peerWhoseCertificateDoesNotMatchItsFingerprint_getsNoMediaAndTheErrorIsShown() throws Exception {
    try (WebRtcTestPeer peer = WebRtcTestPeer.create().advertisingWrongFingerprint()) {
      HttpResponse<Buffer> created = post(peer.createOffer());
      assertThat(created.statusCode()).isEqualTo(201);
      String location = created.getHeader("Location");
      java.util.concurrent.CompletableFuture<Void> connected = peer.connect(created.bodyAsString());

      java.util.concurrent.ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(
          java.util.concurrent.ExecutionException.class, () -> connected.get(10, TimeUnit.SECONDS));

      assertThat(failure.getCause()).hasMessageContaining("bad_certificate");
      assertThat(peer.rtpReceived()).isZero();
      JsonObject state = awaitEnded(location);
      assertThat(state.getString("closeReason")).isEqualTo("DTLS_FAILED");
      assertThat(state.getString("error")).contains("does not match the a=fingerprint");
      assertThat(state.getLong("rtpSent")).isZero();
      assertThat(await(client.get("/health").send()).bodyAsJsonObject().getJsonObject("webrtc")
          .getInteger("sessions")).isZero();
    }
  }

  /** The session's state once it has ended (polls the resource; the server closes it on its own context). */
  private JsonObject awaitEnded(String location) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonObject state = await(signedIn(client.get(location)).send()).bodyAsJsonObject();
      if ("closed".equals(state.getString("state")) || System.nanoTime() > deadline) {
        return state;
      }
      await(io.vertx.core.Future.future(p -> vertxForPolling.setTimer(20, t -> p.complete())));
    }
  }

  private HttpResponse<Buffer> post(String offer) throws Exception {
    return await(signedIn(client.post("/api/media/echo"))
        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/sdp")
        .sendBuffer(Buffer.buffer(offer)));
  }

  @Test
  void offerWithoutAudio_is400WithTheParsersMessage() throws Exception {
    String videoOnly = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
        + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:96 VP8/90000\r\n";

    HttpResponse<Buffer> response = await(signedIn(client.post("/api/media/echo"))
        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/sdp")
        .sendBuffer(Buffer.buffer(videoOnly)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(response.bodyAsString()).isNotBlank();
  }

  private HttpRequest<Buffer> signedIn(HttpRequest<Buffer> request) {
    return request.putHeader("Authorization", "Bearer " + token);
  }

  private static String chromeOffer() throws Exception {
    try (InputStream in = EchoRoutesTest.class.getResourceAsStream("/sdp/chrome-audio-offer.sdp")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
