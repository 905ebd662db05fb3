package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.torture.FakeTrunk;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * INVITE floods against the real gateway: one source over its rate gets 503 with Retry-After (a trunk) or nothing
 * (a stranger), while a call from another source of the same carrier still goes through, end to end with SIPp.
 */
class SipFloodTest {

  private static final SipConfig CONFIG =
      new SipConfig("127.0.0.1", 0, List.of("udp"), "127.0.0.1", 65536, 10000, Duration.ofSeconds(5));
  /** Five INVITEs at once per source, then one a second; room for plenty of calls. */
  private static final SipEdgeConfig TIGHT = new SipEdgeConfig(1, 5, 1, 5, 100, Duration.ofSeconds(7), 5, 20,
      Duration.ofSeconds(30), Duration.ofMinutes(15));
  private static final int FLOOD = 40;

  private Vertx vertx;
  private SipGateway gateway;
  private CallRecorder calls;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    TrunkConfig carrier = new TrunkConfig("carrier", List.of("127.0.0.1", "127.0.0.2"), Optional.empty(),
        Optional.empty(), List.of("100"));
    // The flood's calls are refused; the real caller's are answered.
    calls = new CallRecorder(leg -> {
      if (leg.from().equals("flood")) {
        leg.reject(486, "Busy Here");
      } else {
        leg.ringing();
        leg.answer();
      }
    });
    gateway = await(SipGateway.start(vertx, CONFIG, List.of(carrier), new FakeRtpPorts(), calls, TIGHT));
  }

  @AfterEach
  void stop() throws Exception {
    await(gateway.close());
    await(vertx.close());
  }

  @Test
  void inviteFloodFromOneTrunkSource_excessGets503WithRetryAfter_anotherSourcesCallGoesThrough() throws Exception {
    List<FakeTrunk.Response> answers = flood("127.0.0.2");

    long busy = answers.stream().filter(r -> r.status() == 503).count();
    assertThat(busy).as("503s among " + FLOOD).isGreaterThanOrEqualTo(FLOOD - 5 - 2);
    assertThat(answers.stream().filter(r -> r.status() == 503))
        .allSatisfy(r -> assertThat(r.header("Retry-After", null)).containsExactly("7"));
    assertThat(answers.stream().filter(r -> r.status() == 486).count()).isBetween(5L, 7L);
    assertThat(gateway.edgeCounters().rejected("rejected_rate_invite")).isEqualTo(busy);

    // The carrier's other address is not held back by the first one's flood.
    SippRunner.Result call = sipp("127.0.0.1");
    assertThat(call.exitCode()).as(call.describe()).isZero();
    assertThat(calls.legs).anySatisfy(leg -> assertThat(leg.from()).isEqualTo("+4930111222"));
  }

  @Test
  void inviteFloodFromAStranger_isAnswered403UntilItsBucketIsEmpty_thenDroppedSilently() throws Exception {
    List<FakeTrunk.Response> answers = flood("127.0.0.3");

    assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(403));
    assertThat(answers.size()).isBetween(5, 7);
    assertThat(gateway.edgeCounters().rejected("rejected_rate_invite")).isEqualTo(FLOOD - answers.size());
    assertThat(gateway.edgeCounters().rejectedByReason()).containsKey("rejected_source");
    assertThat(calls.legs).isEmpty();
  }

  /**
   * Sends {@link #FLOOD} distinct INVITEs at once from {@code source} and collects the first final answer to each
   * (retransmissions of an unacknowledged 4xx are not counted twice) until all came or two seconds passed.
   */
  private List<FakeTrunk.Response> flood(String source) {
    Map<String, FakeTrunk.Response> answers = new LinkedHashMap<>();
    try (FakeTrunk trunk = new FakeTrunk(source, gateway.port())) {
      for (int i = 0; i < FLOOD; i++) {
        trunk.send(invite(source, trunk.localPort(), "flood-" + i));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (answers.size() < FLOOD && System.nanoTime() < deadline) {
        FakeTrunk.Response r = trunk.receiveFinal(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        if (r != null) {
          answers.putIfAbsent(r.header("Call-ID", "i").get(0), r);
        }
      }
    }
    return new ArrayList<>(answers.values());
  }

  private static String invite(String ip, int port, String callId) {
    String sdp = "v=0\r\no=- 1 1 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip + "\r\nt=0 0\r\n"
        + "m=audio 40000 RTP/AVP 0\r\n";
    return "INVITE sip:100@127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP " + ip + ":" + port + ";branch=z9hG4bK" + callId + "\r\n"
        + "From: <sip:flood@" + ip + ">;tag=" + callId + "\r\nTo: <sip:100@127.0.0.1>\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
        + "Contact: <sip:flood@" + ip + ":" + port + ">\r\nContent-Type: application/sdp\r\n"
        + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
  }

  private SippRunner.Result sipp(String localIp) {
    SippRunner runner = SippRunner.scenario("sipp/uac-invite-answered-then-caller-bye.xml")
        .target("127.0.0.1", gateway.port()).localIp(localIp);
    try (SippRunner.Run run = runner.start()) {
      return run.await(Duration.ofSeconds(30));
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
