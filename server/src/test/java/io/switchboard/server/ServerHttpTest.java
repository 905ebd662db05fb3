package io.switchboard.server;

import static io.switchboard.server.StorePersistenceTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP surface with a fake media endpoint: routing, status codes, content types, error shapes. */
@ExtendWith(VertxExtension.class)
class ServerHttpTest {

  private static final String OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n";

  @TempDir
  Path dataDir;

  private SwitchboardServer server;
  private WebClient client;
  private String token;

  @BeforeEach
  void startServer(Vertx vertx) throws Exception {
    server = await(SwitchboardServer.start(vertx, TestConfigs.onFreePorts(dataDir), FakeWebRtcEndpoint.STARTER));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.httpPort()));
    token = TestAccounts.agentToken(server, client, "echo-tester");
  }

  @AfterEach
  void stopServer() throws Exception {
    await(server.stop());
  }

  @Test
  void health_isUpWithStoreAndWebRtcState() throws Exception {
    HttpResponse<Buffer> response = await(client.get("/health").send());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("status", "UP").put("store", "UP")
        .put("webrtc", new JsonObject().put("port", 10000).put("sessions", 0)));
  }

  @Test
  void health_isDownWith503_whenTheStoreIsGone() throws Exception {
    await(server.store().close());

    HttpResponse<Buffer> response = await(client.get("/health").send());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
    assertThat(response.bodyAsJsonObject().getString("store")).isEqualTo("DOWN");
  }

  @Test
  void echoOffer_isAnsweredWith201_sdpBody_andSessionLocation() throws Exception {
    HttpResponse<Buffer> created = postOffer(OFFER);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.getHeader("Content-Type")).isEqualTo("application/sdp");
    assertThat(created.getHeader("Location")).isEqualTo("/api/media/echo/fake1");
    assertThat(created.bodyAsString()).isEqualTo(FakeWebRtcEndpoint.ANSWER);

    HttpResponse<Buffer> state = await(signedIn(client.get("/api/media/echo/fake1")).send());
    assertThat(state.statusCode()).isEqualTo(200);
    assertThat(state.bodyAsJsonObject()).isEqualTo(new JsonObject().put("id", "fake1").put("state", "new"));
    assertThat(await(client.get("/health").send()).bodyAsJsonObject().getJsonObject("webrtc").getInteger("sessions"))
        .isEqualTo(1);
  }

  @Test
  void anonymousOffer_is401_andAllocatesNoMedia() throws Exception {
    HttpResponse<Buffer> response = await(client.post("/api/media/echo").putHeader("Content-Type", "application/sdp")
        .sendBuffer(Buffer.buffer(OFFER)));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(health().getJsonObject("webrtc").getInteger("sessions")).isZero();
    HttpResponse<Buffer> forged = await(client.post("/api/media/echo").putHeader("Content-Type", "application/sdp")
        .putHeader("Authorization", "Bearer not-a-token").sendBuffer(Buffer.buffer(OFFER)));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(health().getJsonObject("webrtc").getInteger("sessions")).isZero();
  }

  @Test
  void anEchoSession_canBeReadAndClosedOnlyByWhoStartedIt() throws Exception {
    String location = postOffer(OFFER).getHeader("Location");
    String other = TestAccounts.agentToken(server, client, "someone-else");

    assertThat(await(client.get(location).send()).statusCode()).isEqualTo(401);
    assertThat(await(client.delete(location).send()).statusCode()).isEqualTo(401);
    assertThat(await(client.get(location).putHeader("Authorization", "Bearer " + other).send()).statusCode())
        .isEqualTo(404);
    assertThat(await(client.delete(location).putHeader("Authorization", "Bearer " + other).send()).statusCode())
        .isEqualTo(404);
    assertThat(health().getJsonObject("webrtc").getInteger("sessions")).isEqualTo(1);
    assertThat(await(signedIn(client.delete(location)).send()).statusCode()).isEqualTo(204);
  }

  @Test
  void aUsersThirdEchoSessionAtOnce_is429_untilOneEnds() throws Exception {
    String first = postOffer(OFFER).getHeader("Location");
    assertThat(postOffer(OFFER).statusCode()).isEqualTo(201);

    HttpResponse<Buffer> third = postOffer(OFFER);

    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.getHeader("Retry-After")).matches("[1-9][0-9]*");
    assertThat(third.bodyAsJsonObject().getString("error")).contains("at once");
    assertThat(health().getJsonObject("webrtc").getInteger("sessions")).isEqualTo(2);
    String other = TestAccounts.agentToken(server, client, "someone-else");
    assertThat(await(client.post("/api/media/echo").putHeader("Content-Type", "application/sdp")
        .putHeader("Authorization", "Bearer " + other).sendBuffer(Buffer.buffer(OFFER))).statusCode())
        .as("another user's quota is their own").isEqualTo(201);
    assertThat(await(signedIn(client.delete(first)).send()).statusCode()).isEqualTo(204);
    assertThat(postOffer(OFFER).statusCode()).isEqualTo(201);
  }

  @Test
  void deletingAnEchoSession_closesIt_thenOnlyItsFinalStateRemains() throws Exception {
    String location = postOffer(OFFER).getHeader("Location");

    assertThat(await(signedIn(client.delete(location)).send()).statusCode()).isEqualTo(204);
    HttpResponse<Buffer> ended = await(signedIn(client.get(location)).send());
    assertThat(ended.statusCode()).isEqualTo(200);
    assertThat(ended.bodyAsJsonObject().getString("state")).isEqualTo("closed");
    assertThat(await(signedIn(client.delete(location)).send()).statusCode()).isEqualTo(404);
  }

  @Test
  void contentTypeWithParameters_isAccepted() throws Exception {
    HttpResponse<Buffer> created = await(signedIn(client.post("/api/media/echo"))
        .putHeader("Content-Type", "Application/SDP; charset=utf-8").sendBuffer(Buffer.buffer(OFFER)));

    assertThat(created.statusCode()).isEqualTo(201);
  }

  @Test
  void offerTheMediaRejects_is400_withTheReasonAsPlainText() throws Exception {
    HttpResponse<Buffer> response = postOffer("hello");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(response.bodyAsString()).isEqualTo("offer must start with v=0");
  }

  @Test
  void emptyOffer_is400() throws Exception {
    assertThat(postOffer("").statusCode()).isEqualTo(400);
  }

  @Test
  void offerWithWrongContentType_is415_andCreatesNothing() throws Exception {
    HttpResponse<Buffer> response = await(signedIn(client.post("/api/media/echo"))
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(OFFER)));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("application/sdp");
    assertThat(health().getJsonObject("webrtc").getInteger("sessions")).isZero();
  }

  @Test
  void offerLargerThan64KiB_is413() throws Exception {
    HttpResponse<Buffer> response = postOffer("v=0\r\n" + "a=x\r\n".repeat(64 * 1024 / 5 + 1));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(health().getJsonObject("webrtc").getInteger("sessions")).isZero();
  }

  @Test
  void unknownEchoSession_is404Json() throws Exception {
    HttpResponse<Buffer> response = await(signedIn(client.get("/api/media/echo/nope")).send());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("error")).contains("nope");
  }

  @Test
  void unknownApiPath_is404Json() throws Exception {
    HttpResponse<Buffer> response = await(client.request(HttpMethod.PUT, "/api/no/such/thing").send());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("no such resource: PUT /api/no/such/thing");
  }

  @Test
  void staticFiles_areServedFromClasspathWebroot() throws Exception {
    HttpResponse<Buffer> response = await(client.get("/server-test-static.txt").send());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).startsWith("static file served by the server test");
    assertThat(await(client.get("/no-such-page.html").send()).statusCode()).isEqualTo(404);
  }

  @Test
  void stop_isIdempotent_andStopsAcceptingHttp() throws Exception {
    await(server.stop());
    await(server.stop());

    assertThatThrownBy(() -> await(client.get("/health").send())).hasMessageContaining("Connection refused");
  }

  private HttpRequest<Buffer> signedIn(HttpRequest<Buffer> request) {
    return request.putHeader("Authorization", "Bearer " + token);
  }

  private HttpResponse<Buffer> postOffer(String sdp) throws Exception {
    return await(signedIn(client.post("/api/media/echo")).putHeader("Content-Type", "application/sdp")
        .sendBuffer(Buffer.buffer(sdp)));
  }

  private JsonObject health() throws Exception {
    return await(client.get("/health").send()).bodyAsJsonObject();
  }
}
