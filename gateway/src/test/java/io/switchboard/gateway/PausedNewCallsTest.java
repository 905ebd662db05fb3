package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.torture.FakeTrunk;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A paused gateway (a cluster node cut off from the database, docs/scale.md) answers new INVITEs 503 with
 * Retry-After, so a proxy in front tries the next node; resumed, it takes calls again; a drain outlasts a resume.
 */
class PausedNewCallsTest {
  private static final SipConfig CONFIG =
      new SipConfig("127.0.0.1", 0, List.of("udp"), "127.0.0.1", 65536, 10000, Duration.ofSeconds(5));

  private Vertx vertx;
  private SipGateway gateway;
  private CallRecorder calls;
  private int sent;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    TrunkConfig proxy = new TrunkConfig("proxy", List.of("127.0.0.1"), Optional.empty(), Optional.empty(),
        List.of("100"));
    // A call that reaches call control is refused with 486: enough to tell it from the gateway's own 503.
    calls = new CallRecorder(leg -> leg.reject(486, "Busy Here"));
    gateway = await(SipGateway.start(vertx, CONFIG, List.of(proxy), new FakeRtpPorts(), calls,
        SipEdgeConfig.defaults()));
  }

  @AfterEach
  void stop() throws Exception {
    await(gateway.close());
    await(vertx.close());
  }

  @Test
  void pausedGateway_answers503WithRetryAfter_andTakesCallsAgainOnceResumed() {
    gateway.pauseNewCalls(Duration.ofSeconds(3));
    FakeTrunk.Response paused = invite();
    assertThat(paused.status()).isEqualTo(503);
    assertThat(paused.header("Retry-After", null)).containsExactly("3");
    assertThat(calls.legs).as("nothing reached call control").isEmpty();

    gateway.resumeNewCalls();
    assertThat(invite().status()).as("call control's own answer").isEqualTo(486);
    assertThat(calls.legs).hasSize(1);
  }

  @Test
  void drainingGateway_staysDrainingWhenAPauseEnds() {
    gateway.pauseNewCalls(Duration.ofSeconds(3));
    gateway.drain(Duration.ofSeconds(60));
    gateway.resumeNewCalls();

    FakeTrunk.Response answer = invite();
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.header("Retry-After", null)).containsExactly("60");
    assertThat(calls.legs).isEmpty();
  }

  private FakeTrunk.Response invite() {
    String callId = "paused-" + (++sent);
    try (FakeTrunk trunk = new FakeTrunk("127.0.0.1", gateway.port())) {
      String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/AVP 0\r\n";
      trunk.send("INVITE sip:100@127.0.0.1 SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 127.0.0.1:" + trunk.localPort() + ";branch=z9hG4bK" + callId + "\r\n"
          + "From: <sip:+4930111222@127.0.0.1>;tag=" + callId + "\r\nTo: <sip:100@127.0.0.1>\r\n"
          + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
          + "Contact: <sip:+4930111222@127.0.0.1:" + trunk.localPort() + ">\r\nContent-Type: application/sdp\r\n"
          + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp);
      FakeTrunk.Response response = trunk.receiveFinal(Duration.ofSeconds(10));
      assertThat(response).as("a final answer to " + callId).isNotNull();
      return response;
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
