package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.media.RtpConfig;
import io.switchboard.media.RtpPorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls we place, against SIPp acting as the carrier (a UAS scenario per outcome): digest challenge answered, 180,
 * 183 early media, answer, BYE both ways, CANCEL, and final errors mapped to reasons.
 */
class OutboundLegTest {

  private static final Duration SIPP_WAIT = Duration.ofSeconds(30);
  private static final SipConfig CONFIG =
      new SipConfig("127.0.0.1", 0, List.of("udp"), "127.0.0.1", 65536, 10000, Duration.ofSeconds(5));
  private static final String CALLEE = "+4915112345678";
  private static final String HOTLINE = "+4930555000";

  private static Vertx vertx;

  private final FakeRtpPorts fakePorts = new FakeRtpPorts();
  private SipGateway gateway;
  private RtpPorts realPorts;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    await(vertx.close());
  }

  @AfterEach
  void close() throws Exception {
    if (gateway != null) {
      await(gateway.close());
    }
    if (realPorts != null) {
      await(realPorts.close());
    }
  }

  private TrunkDialer start(int carrierPort, String username, String password, RtpPorts ports) throws Exception {
    TrunkConfig trunk = new TrunkConfig("carrier", List.of("127.0.0.1"), Optional.empty(), Optional.empty(),
        List.of("100"), Optional.of(new OutboundConfig("127.0.0.1:" + carrierPort, "carrier.example", username,
        password)));
    gateway = await(SipGateway.start(vertx, CONFIG, List.of(trunk), ports, leg -> { }));
    return gateway.dialer();
  }

  private static DialRequest call(Duration ringTimeout) {
    return new DialRequest("carrier", CALLEE, HOTLINE, ringTimeout);
  }

  @Test
  void digestChallenge_answered_thenRinging_earlyMedia_answer_andOurBye() throws Exception {
    SippRunner carrier = SippRunner.scenario("sipp/uas-digest-then-answer.xml");
    realPorts = RtpPorts.create(vertx, new RtpConfig("127.0.0.1", "127.0.0.1", 43000, 43999, 1 << 16));
    TrunkDialer dialer = start(carrier.localPort(), "outuser", "outpass", realPorts);
    try (SippRunner.Run run = carrier.start()) {
      OutboundLeg leg = await(dialer.dial(call(Duration.ofSeconds(20))));
      List<OutboundLeg.Progress> progress = new CopyOnWriteArrayList<>();
      CompletableFuture<Character> earlyDigit = new CompletableFuture<>();
      leg.onProgress(progress::add);
      leg.media().onDtmf(earlyDigit::complete);
      CompletableFuture<OutboundLeg.Ended> ended = new CompletableFuture<>();
      leg.onEnded(ended::complete);

      // The carrier's early media (RFC 4733 key 7 played during 183) reaches our RTP port before the answer.
      assertThat(earlyDigit.get(10, TimeUnit.SECONDS)).isEqualTo('7');
      await(leg.answered());
      // 180 then 183: the stack may deliver them in either order, and a 180 after early media is not reported.
      assertThat(progress).endsWith(OutboundLeg.Progress.EARLY_MEDIA).doesNotHaveDuplicates();
      assertThat(counters().getLong("outbound_challenged")).isEqualTo(1);

      leg.hangup();
      assertThat(ended.get(10, TimeUnit.SECONDS).reason()).isEqualTo(OutboundLeg.EndReason.WE_HUNG_UP);
      SippRunner.Result result = run.await(SIPP_WAIT);
      assertThat(result.exitCode()).as(result.describe()).isZero();
    }
  }

  @Test
  void calleeHangsUp_legEndsRemoteHungUp_andMediaCloses() throws Exception {
    SippRunner carrier = SippRunner.scenario("sipp/uas-answer-then-hang-up.xml");
    TrunkDialer dialer = start(carrier.localPort(), "", "", fakePorts);
    try (SippRunner.Run run = carrier.start()) {
      OutboundLeg leg = await(dialer.dial(call(Duration.ofSeconds(20))));
      CompletableFuture<OutboundLeg.Ended> ended = new CompletableFuture<>();
      leg.onEnded(ended::complete);
      await(leg.answered());
      FakeRtpLeg media = fakePorts.allocated().get(0);
      assertThat(media.remote().codec().name()).isEqualTo("PCMU");

      assertThat(ended.get(10, TimeUnit.SECONDS).reason()).isEqualTo(OutboundLeg.EndReason.REMOTE_HUNG_UP);
      media.closed().get(5, TimeUnit.SECONDS);
      SippRunner.Result result = run.await(SIPP_WAIT);
      assertThat(result.exitCode()).as(result.describe()).isZero();
    }
  }

  @Test
  void ringsPastTheRingTimeout_weCancel_noAnswer() throws Exception {
    SippRunner carrier = SippRunner.scenario("sipp/uas-ring-expect-cancel.xml");
    TrunkDialer dialer = start(carrier.localPort(), "", "", fakePorts);
    try (SippRunner.Run run = carrier.start()) {
      OutboundLeg leg = await(dialer.dial(call(Duration.ofMillis(1500))));
      CompletableFuture<OutboundLeg.Ended> ended = new CompletableFuture<>();
      leg.onEnded(ended::complete);

      assertThat(ended.get(10, TimeUnit.SECONDS).reason()).isEqualTo(OutboundLeg.EndReason.NO_ANSWER);
      SippRunner.Result result = run.await(SIPP_WAIT);
      assertThat(result.exitCode()).as(result.describe()).isZero();
      assertThat(counters().getLong("outbound_cancels")).isEqualTo(1);
    }
  }

  @Test
  void hangupWhileRinging_sendsCancel_cancelled() throws Exception {
    SippRunner carrier = SippRunner.scenario("sipp/uas-ring-expect-cancel.xml");
    TrunkDialer dialer = start(carrier.localPort(), "", "", fakePorts);
    try (SippRunner.Run run = carrier.start()) {
      OutboundLeg leg = await(dialer.dial(call(Duration.ofSeconds(20))));
      CompletableFuture<OutboundLeg.Ended> ended = new CompletableFuture<>();
      leg.onEnded(ended::complete);
      CompletableFuture<OutboundLeg.Progress> ringing = new CompletableFuture<>();
      leg.onProgress(ringing::complete);
      assertThat(ringing.get(10, TimeUnit.SECONDS)).isEqualTo(OutboundLeg.Progress.RINGING);

      leg.hangup();

      assertThat(ended.get(10, TimeUnit.SECONDS).reason()).isEqualTo(OutboundLeg.EndReason.CANCELLED);
      SippRunner.Result result = run.await(SIPP_WAIT);
      assertThat(result.exitCode()).as(result.describe()).isZero();
    }
  }

  @Test
  void busy486_endsBusy() throws Exception {
    assertFinalError("uas-busy-486.xml", OutboundLeg.EndReason.BUSY, 486);
  }

  @Test
  void decline603_endsRejected() throws Exception {
    assertFinalError("uas-decline-603.xml", OutboundLeg.EndReason.REJECTED, 603);
  }

  @Test
  void carrierUnavailable503_endsUnreachable() throws Exception {
    assertFinalError("uas-unavailable-503.xml", OutboundLeg.EndReason.UNREACHABLE, 503);
  }

  @Test
  void secondChallenge_endsAuthFailed_withoutLooping() throws Exception {
    SippRunner carrier = SippRunner.scenario("sipp/uas-challenge-every-time-407.xml");
    TrunkDialer dialer = start(carrier.localPort(), "outuser", "wrong", fakePorts);
    try (SippRunner.Run run = carrier.start()) {
      OutboundLeg leg = await(dialer.dial(call(Duration.ofSeconds(20))));
      CompletableFuture<OutboundLeg.Ended> ended = new CompletableFuture<>();
      leg.onEnded(ended::complete);

      OutboundLeg.Ended end = ended.get(10, TimeUnit.SECONDS);
      assertThat(end.reason()).isEqualTo(OutboundLeg.EndReason.AUTH_FAILED);
      assertThat(end.status()).isEqualTo(407);
      SippRunner.Result result = run.await(SIPP_WAIT);
      assertThat(result.exitCode()).as(result.describe()).isZero();
      assertThat(counters().getLong("outbound_invites_authenticated")).isEqualTo(1);
    }
  }

  @Test
  void dialerIsHandedOutOnce() throws Exception {
    start(5060, "", "", fakePorts);
    assertThatThrownBy(() -> gateway.dialer()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void trunkWithoutOutboundSettings_refusesToDial_andSendsNothing() throws Exception {
    TrunkConfig inboundOnly = new TrunkConfig("inbound", List.of("127.0.0.1"), Optional.empty(), Optional.empty(),
        List.of("100"));
    gateway = await(SipGateway.start(vertx, CONFIG, List.of(inboundOnly), fakePorts, leg -> { }));
    Future<OutboundLeg> dialled = gateway.dialer().dial(new DialRequest("inbound", CALLEE, HOTLINE,
        Duration.ofSeconds(5)));
    assertThatThrownBy(() -> await(dialled)).hasMessageContaining("places no calls");
    assertThat(fakePorts.allocated()).isEmpty();
    assertThat(counters().getLong("outbound_invites", 0L)).isZero();
  }

  @Test
  void numbersThatCouldSmuggleUriParts_areRejectedBeforeAnyInvite() {
    assertThatThrownBy(() -> new DialRequest("carrier", "123@evil.example", HOTLINE, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DialRequest("carrier", "+49;user=x", HOTLINE, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void assertFinalError(String scenario, OutboundLeg.EndReason reason, int status) throws Exception {
    SippRunner carrier = SippRunner.scenario("sipp/" + scenario);
    TrunkDialer dialer = start(carrier.localPort(), "", "", fakePorts);
    try (SippRunner.Run run = carrier.start()) {
      OutboundLeg leg = await(dialer.dial(call(Duration.ofSeconds(20))));
      CompletableFuture<OutboundLeg.Ended> ended = new CompletableFuture<>();
      leg.onEnded(ended::complete);

      OutboundLeg.Ended end = ended.get(10, TimeUnit.SECONDS);
      assertThat(end.reason()).isEqualTo(reason);
      assertThat(end.status()).isEqualTo(status);
      assertThatThrownBy(() -> await(leg.answered())).hasMessageContaining(reason.name());
      fakePorts.allocated().get(0).closed().get(5, TimeUnit.SECONDS);
      SippRunner.Result result = run.await(SIPP_WAIT);
      assertThat(result.exitCode()).as(result.describe()).isZero();
    }
  }

  private JsonObject counters() {
    return gateway.debugState().getJsonObject("counters");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
