package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.impl.SipGatewayImpl;
import io.switchboard.media.RtpConfig;
import io.switchboard.media.RtpPorts;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway against SIPp, a real SIP peer: one scenario per behaviour, named after the outcome it expects. */
class SipGatewayTest {

  private static final Duration SIPP_WAIT = Duration.ofSeconds(30);
  private static final SipConfig CONFIG =
      new SipConfig("127.0.0.1", 0, List.of("udp", "tcp"), "127.0.0.1", 65536, 10000, Duration.ofSeconds(5));
  private static final DigestCredentials CARRIER_DIGEST = new DigestCredentials("carrier", "s3cret", "switchboard");

  private static Vertx vertx;

  private final FakeRtpPorts ports = new FakeRtpPorts();
  private SipGateway gateway;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    await(vertx.close());
  }

  @AfterEach
  void closeGateway() throws Exception {
    if (gateway != null) {
      await(gateway.close());
    }
  }

  private static TrunkConfig trunk(String source) {
    return new TrunkConfig("carrier", List.of(source), Optional.empty(), Optional.empty(), List.of("100", "+4930555000"));
  }

  private CallRecorder start(TrunkConfig trunk, Consumer<SipLeg> behaviour) throws Exception {
    CallRecorder recorder = new CallRecorder(behaviour);
    gateway = await(SipGateway.start(vertx, CONFIG, List.of(trunk), ports, recorder));
    return recorder;
  }

  private SippRunner.Result sipp(String scenario, Consumer<SippRunner> options) {
    SippRunner runner = SippRunner.scenario("sipp/" + scenario).target("127.0.0.1", gateway.port());
    options.accept(runner);
    try (SippRunner.Run run = runner.start()) {
      return run.await(SIPP_WAIT);
    }
  }

  private SippRunner.Result sipp(String scenario) {
    return sipp(scenario, r -> { });
  }

  private static void assertSucceeded(SippRunner.Result result) {
    assertThat(result.exitCode()).as(result.describe()).isZero();
  }

  @Test
  void optionsFromAnyone_gets200_overUdpAndTcpOnOnePort() throws Exception {
    start(trunk("192.0.2.1"), leg -> { });

    assertSucceeded(sipp("uac-options-expect-200.xml"));
    assertSucceeded(sipp("uac-options-expect-200.xml", SippRunner::tcp));
    assertThat(counters().getLong("options")).isEqualTo(2);
  }

  @Test
  void inviteFromUnknownSource_gets403_andNoLegNoRtpPortNoHandler() throws Exception {
    CallRecorder calls = start(trunk("127.0.0.2"), leg -> { });

    assertSucceeded(sipp("uac-invite-unknown-source-expect-403.xml"));

    assertThat(calls.legs).isEmpty();
    assertThat(ports.allocated()).isEmpty();
    assertThat(counters().getLong("rejected_source")).isEqualTo(1);
    assertThat(counters().getLong("digest_challenged", 0L)).isZero();
    assertThat(gateway.debugState().getJsonArray("dialogs")).isEmpty();
  }

  @Test
  void inviteFromAnotherLoopbackAddress_gets403() throws Exception {
    CallRecorder calls = start(trunk("127.0.0.1/32"), leg -> { });

    assertSucceeded(sipp("uac-invite-unknown-source-expect-403.xml", r -> r.localIp("127.0.0.2")));

    assertThat(calls.legs).isEmpty();
    assertThat(ports.allocated()).isEmpty();
  }

  @Test
  void inviteWithUnparseableHeader_gets400() throws Exception {
    CallRecorder calls = start(trunk("127.0.0.0/8"), leg -> { });

    assertSucceeded(sipp("uac-malformed-invite-expect-400.xml"));

    assertThat(calls.legs).isEmpty();
    assertThat(ports.allocated()).isEmpty();
  }

  @Test
  void inviteWithUnparseableTo_gets400FromTheStack() throws Exception {
    CallRecorder calls = start(trunk("127.0.0.0/8"), leg -> { });

    assertSucceeded(sipp("uac-invite-broken-to-expect-400.xml"));

    assertThat(calls.legs).isEmpty();
    assertThat(ports.allocated()).isEmpty();
  }

  @Test
  void inviteToNumberTheTrunkDoesNotCarry_gets404() throws Exception {
    CallRecorder calls = start(trunk("127.0.0.1"), leg -> { });

    assertSucceeded(sipp("uac-invite-unknown-did-expect-404.xml", r -> r.service("+4930999999")));

    assertThat(calls.legs).isEmpty();
    assertThat(ports.allocated()).isEmpty();
  }

  @Test
  void inviteOfferingOnlyG729_gets488() throws Exception {
    CallRecorder calls = start(trunk("127.0.0.1"), leg -> { });

    assertSucceeded(sipp("uac-invite-g729-only-expect-488.xml"));

    assertThat(calls.legs).isEmpty();
    assertThat(ports.allocated()).isEmpty();
  }

  @Test
  void answeredCall_callerHangsUp_legEndsCallerHungUpAndRtpCloses() throws Exception {
    CompletableFuture<Void> answered = new CompletableFuture<>();
    CallRecorder calls = start(trunk("127.0.0.1"), leg -> {
      leg.ringing();
      leg.answer().onComplete(ar -> {
        if (ar.succeeded()) {
          answered.complete(null);
        } else {
          answered.completeExceptionally(ar.cause());
        }
      });
    });

    assertSucceeded(sipp("uac-invite-answered-then-caller-bye.xml", r -> r.service("+4930555000")));

    SipLeg leg = calls.firstLeg.get(5, TimeUnit.SECONDS);
    answered.get(5, TimeUnit.SECONDS);
    assertThat(calls.endOf(leg).get(5, TimeUnit.SECONDS)).isEqualTo(SipLeg.EndReason.CALLER_HUNG_UP);
    assertThat(leg.trunk()).isEqualTo("carrier");
    assertThat(leg.from()).isEqualTo("+4930111222");
    assertThat(leg.to()).isEqualTo("+4930555000");
    FakeRtpLeg rtp = ports.allocated().get(0);
    assertThat(leg.media()).isSameAs(rtp);
    assertThat(rtp.remote().host()).isEqualTo("127.0.0.1");
    assertThat(rtp.remote().port()).isPositive();
    assertThat(rtp.remote().codec().name()).isEqualTo("PCMU");
    assertThat(rtp.remote().codec().payloadType()).isZero();
    assertThat(rtp.remote().codec().dtmfPayloadType()).isEqualTo(101);
    rtp.closed().get(5, TimeUnit.SECONDS);
  }

  @Test
  void answeredCall_withRealRtpPorts_portIsFreedWhenTheCallerHangsUp() throws Exception {
    RtpPorts real = RtpPorts.create(vertx, new RtpConfig("127.0.0.1", "127.0.0.1", 41000, 41999, 1 << 16));
    CallRecorder calls = new CallRecorder(leg -> {
      leg.ringing();
      leg.answer();
    });
    gateway = await(SipGateway.start(vertx, CONFIG, List.of(trunk("127.0.0.1")), real, calls));
    try {
      assertSucceeded(sipp("uac-invite-answered-then-caller-bye.xml"));

      SipLeg leg = calls.firstLeg.get(5, TimeUnit.SECONDS);
      assertThat(calls.endOf(leg).get(5, TimeUnit.SECONDS)).isEqualTo(SipLeg.EndReason.CALLER_HUNG_UP);
      assertThat(leg.media().localPort()).isBetween(41000, 41999);
      awaitCondition(() -> real.openLegs() == 0 ? Boolean.TRUE : null);
    } finally {
      await(real.close());
    }
  }

  @Test
  void callerCancelsWhileRinging_gets487_legEndsCallerCancelled() throws Exception {
    CallRecorder calls = start(trunk("127.0.0.1"), SipLeg::ringing);

    assertSucceeded(sipp("uac-invite-cancel-expect-487.xml"));

    SipLeg leg = calls.firstLeg.get(5, TimeUnit.SECONDS);
    assertThat(calls.endOf(leg).get(5, TimeUnit.SECONDS)).isEqualTo(SipLeg.EndReason.CALLER_CANCELLED);
    ports.allocated().get(0).closed().get(5, TimeUnit.SECONDS);
    assertThat(gateway.debugState().getJsonArray("dialogs")).isEmpty();
  }

  @Test
  void weHangUpAfterAnswer_callerGetsBye_legEndsWeHungUp() throws Exception {
    CallRecorder calls = start(trunk("127.0.0.1"), leg -> leg.answer().onSuccess(v -> leg.hangup()));

    assertSucceeded(sipp("uac-invite-expect-bye-from-us.xml"));

    SipLeg leg = calls.firstLeg.get(5, TimeUnit.SECONDS);
    assertThat(calls.endOf(leg).get(5, TimeUnit.SECONDS)).isEqualTo(SipLeg.EndReason.WE_HUNG_UP);
    ports.allocated().get(0).closed().get(5, TimeUnit.SECONDS);
  }

  @Test
  void closingTheGateway_byesAnsweredCalls() throws Exception {
    CallRecorder calls = start(trunk("127.0.0.1"), leg -> leg.answer().onSuccess(v -> gateway.close()));

    assertSucceeded(sipp("uac-invite-expect-bye-from-us.xml"));

    SipLeg leg = calls.firstLeg.get(5, TimeUnit.SECONDS);
    assertThat(calls.endOf(leg).get(5, TimeUnit.SECONDS)).isEqualTo(SipLeg.EndReason.WE_HUNG_UP);
    ports.allocated().get(0).closed().get(5, TimeUnit.SECONDS);
  }

  @Test
  void answerNeverAcked_answerFails_byeSent_legEndsNoAck() throws Exception {
    CompletableFuture<Throwable> answerFailure = new CompletableFuture<>();
    CallRecorder calls = new CallRecorder(leg -> leg.answer().onFailure(answerFailure::complete));
    gateway = await(SipGatewayImpl.start(vertx, CONFIG, List.of(trunk("127.0.0.1")), ports, calls,
        Duration.ofSeconds(2)));

    assertSucceeded(sipp("uac-invite-no-ack-expect-bye.xml"));

    SipLeg leg = calls.firstLeg.get(5, TimeUnit.SECONDS);
    assertThat(answerFailure.get(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(calls.endOf(leg).get(5, TimeUnit.SECONDS)).isEqualTo(SipLeg.EndReason.NO_ACK);
    ports.allocated().get(0).closed().get(5, TimeUnit.SECONDS);
  }

  @Test
  void reInviteSendonlyThenSendrecv_reportsHoldThenResume() throws Exception {
    CallRecorder calls = start(trunk("127.0.0.1"), SipLeg::answer);

    assertSucceeded(sipp("uac-invite-hold-then-resume.xml"));

    SipLeg leg = calls.firstLeg.get(5, TimeUnit.SECONDS);
    assertThat(calls.endOf(leg).get(5, TimeUnit.SECONDS)).isEqualTo(SipLeg.EndReason.CALLER_HUNG_UP);
    assertThat(calls.holds).containsExactly(true, false);
  }

  @Test
  void dtmfBySipInfoAndRfc4733_allReachOnDtmf() throws Exception {
    CallRecorder calls = start(trunk("127.0.0.1"), leg -> leg.answer().onSuccess(v ->
        ((FakeRtpLeg) leg.media()).injectDtmf('7')));

    assertSucceeded(sipp("uac-invite-info-dtmf.xml"));

    calls.threeDigits.get(5, TimeUnit.SECONDS);
    assertThat(calls.digits).containsExactlyInAnyOrder('7', '5', '#');
  }

  @Test
  void trunkWithDigest_challengesWith401_thenAcceptsCorrectCredentials() throws Exception {
    TrunkConfig digestTrunk = new TrunkConfig("carrier", List.of("127.0.0.1"), Optional.of(CARRIER_DIGEST),
        Optional.empty(), List.of("100"));
    CallRecorder calls = start(digestTrunk, SipLeg::answer);

    assertSucceeded(sipp("uac-invite-digest-expect-401-then-200.xml"));

    SipLeg leg = calls.firstLeg.get(5, TimeUnit.SECONDS);
    assertThat(calls.endOf(leg).get(5, TimeUnit.SECONDS)).isEqualTo(SipLeg.EndReason.CALLER_HUNG_UP);
    assertThat(calls.legs).hasSize(1);
    assertThat(counters().getLong("digest_challenged")).isEqualTo(1);
    assertThat(counters().getLong("digest_ok")).isEqualTo(1);
  }

  @Test
  void trunkWithDigest_wrongPassword_gets403_andNoLeg() throws Exception {
    TrunkConfig digestTrunk = new TrunkConfig("carrier", List.of("127.0.0.1"), Optional.of(CARRIER_DIGEST),
        Optional.empty(), List.of("100"));
    CallRecorder calls = start(digestTrunk, SipLeg::answer);

    assertSucceeded(sipp("uac-invite-wrong-password-expect-403.xml"));

    assertThat(calls.legs).isEmpty();
    assertThat(ports.allocated()).isEmpty();
    assertThat(counters().getLong("rejected_digest")).isEqualTo(1);
  }

  @Test
  void byeForUnknownDialog_gets481() throws Exception {
    start(trunk("127.0.0.1"), leg -> { });

    assertSucceeded(sipp("uac-bye-unknown-dialog-expect-481.xml"));
  }

  @Test
  void trunkRegistration_answersDigestChallenge_andIsRegistered() throws Exception {
    SippRunner registrar = SippRunner.scenario("sipp/uas-registrar-challenge-then-200.xml");
    int registrarPort = registrar.localPort();
    TrunkConfig registering = new TrunkConfig("carrier", List.of("127.0.0.1"), Optional.empty(),
        Optional.of(new Registration("127.0.0.1:" + registrarPort, "trunkuser", "trunkpass", "carrier.example",
            Duration.ofSeconds(300))),
        List.of("100"));
    try (SippRunner.Run run = registrar.start()) {
      start(registering, leg -> { });
      assertSucceeded(run.await(SIPP_WAIT));
    }

    JsonObject registration = awaitState(s -> {
      JsonObject r = s.getJsonArray("registrations").getJsonObject(0);
      return r.getString("state").equals("REGISTERED") ? r : null;
    });
    assertThat(registration.getLong("grantedSeconds")).isEqualTo(120);
    assertThat(counters().getLong("register_challenged")).isEqualTo(1);
  }

  @Test
  void reload_registersATrunkWhoseRegistrationIsNew_andCarriesItsNewNumbers() throws Exception {
    start(trunk("127.0.0.1"), leg -> { });
    SippRunner registrar = SippRunner.scenario("sipp/uas-registrar-challenge-then-200.xml");
    TrunkConfig registering = new TrunkConfig("carrier", List.of("127.0.0.1"), Optional.empty(),
        Optional.of(new Registration("127.0.0.1:" + registrar.localPort(), "trunkuser", "trunkpass",
            "carrier.example", Duration.ofSeconds(300))),
        List.of("100", "+4930555077"));
    try (SippRunner.Run run = registrar.start()) {
      gateway.reload(List.of(registering)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertSucceeded(run.await(SIPP_WAIT));
    }

    awaitState(s -> {
      JsonObject r = s.getJsonArray("registrations").getJsonObject(0);
      return r.getString("state").equals("REGISTERED") ? r : null;
    });
    assertThat(gateway.debugState().getJsonArray("trunks").getJsonObject(0).getJsonArray("dids").getList())
        .contains("+4930555077");
  }

  // ---- helpers ----

  private JsonObject counters() {
    return gateway.debugState().getJsonObject("counters");
  }

  /** Waits for the gateway's debug state to satisfy {@code probe} (a non-null result). */
  private JsonObject awaitState(Function<JsonObject, JsonObject> probe) throws Exception {
    return awaitCondition(() -> probe.apply(gateway.debugState()));
  }

  /** Waits until {@code probe} returns non-null, checking on a Vert.x timer rather than sleeping the test thread. */
  private static <T> T awaitCondition(Supplier<T> probe) throws Exception {
    Promise<T> promise = Promise.promise();
    long timer = vertx.setPeriodic(10, id -> {
      T result = probe.get();
      if (result != null) {
        promise.tryComplete(result);
      }
    });
    try {
      return promise.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } finally {
      vertx.cancelTimer(timer);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

}
