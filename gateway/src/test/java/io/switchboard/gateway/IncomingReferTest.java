package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incoming REFER on a trunk leg (RFC 3515) against SIPp as the PBX: the gateway checks the form, the receiver judges
 * the target, an accepted referral is answered 202 and reported by NOTIFYs with message/sipfrag bodies, and every
 * refusal is logged with who and what.
 */
class IncomingReferTest {

  private static final SipConfig CONFIG =
      new SipConfig("127.0.0.1", 0, List.of("udp", "tcp"), "127.0.0.1", 65536, 10000, Duration.ofSeconds(5));
  private static final String INTERNAL = "+4930555001";

  private static Vertx vertx;

  private final FakeRtpPorts ports = new FakeRtpPorts();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getMessage() != null && record.getMessage().startsWith("outbound refused: REFER")) {
        refusals.add(record.getMessage());
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private final Logger referLog = Logger.getLogger("io.switchboard.gateway.impl.IncomingRefer");
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
    referLog.removeHandler(capture);
    if (gateway != null) {
      await(gateway.close());
    }
  }

  private CallRecorder start(java.util.function.Consumer<SipLeg> behaviour) throws Exception {
    referLog.addHandler(capture);
    CallRecorder recorder = new CallRecorder(behaviour);
    TrunkConfig pbx = new TrunkConfig("pbx", List.of("127.0.0.1"), Optional.empty(), Optional.empty(),
        List.of("100"));
    gateway = await(SipGateway.start(vertx, CONFIG, List.of(pbx), ports, recorder));
    return recorder;
  }

  private SippRunner.Result sipp(String scenario) {
    try (SippRunner.Run run = SippRunner.scenario("sipp/" + scenario).target("127.0.0.1", gateway.port()).start()) {
      return run.await(Duration.ofSeconds(30));
    }
  }

  @Test
  void referInTheCall_badFormsRefused_externalTargetRefused_internalTargetAcceptedWithNotifies() throws Exception {
    List<Referral> seen = new CopyOnWriteArrayList<>();
    CallRecorder calls = start(leg -> {
      leg.onRefer(referral -> {
        seen.add(referral);
        if (INTERNAL.equals(referral.target())) {
          referral.accept();
          referral.done(200, "OK");
        } else {
          referral.refuse(403, "Not a number of this hotline");
        }
      });
      leg.answer();
    });

    SippRunner.Result result = sipp("uac-invite-refer-checked-then-accepted.xml");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    // Only the two well-formed REFERs reached the receiver; the bad forms were answered by the gateway.
    assertThat(seen).extracting(Referral::target).containsExactly("+499001234567", INTERNAL);
    assertThat(seen.get(1).referredBy()).contains("reception@pbx.example");
    assertThat(seen.get(1).referTo()).contains("sip:" + INTERNAL);
    assertThat(calls.endOf(calls.firstLeg.get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS))
        .isEqualTo(SipLeg.EndReason.CALLER_HUNG_UP);
    // Two Refer-To never parse (400 from the stack's strict syntax check); the others are logged with who and what.
    assertThat(refusals).hasSize(2);
    assertThat(refusals).allMatch(l -> l.contains("trunk pbx (caller +4930111222"));
    assertThat(refusals.get(0)).endsWith("501 Replaces is not supported");
    assertThat(refusals.get(1)).contains("referred by <sip:reception@pbx.example>")
        .contains("+499001234567").endsWith("403 Not a number of this hotline");
    assertThat(gateway.debugState().getJsonObject("counters").getLong("refer_accepted")).isEqualTo(1);
    assertThat(gateway.debugState().getJsonObject("counters").getLong("refer_notify_sent")).isEqualTo(2);
  }

  @Test
  void legWithoutReferListener_refuses403() throws Exception {
    start(SipLeg::answer);

    SippRunner.Result result = sipp("uac-invite-refer-checked-then-accepted.xml");

    // The scenario expects 403 for its third REFER only; the fourth gets 403 too, so SIPp fails there.
    assertThat(result.exitCode()).as(result.describe()).isNotZero();
    assertThat(refusals).anyMatch(l -> l.contains(INTERNAL) && l.endsWith("403 Calls are not handed over on this trunk"));
  }

  @Test
  void referOutsideADialog_gets403_andForAnUnknownDialog481() throws Exception {
    CallRecorder calls = start(leg -> { });

    SippRunner.Result result = sipp("uac-refer-outside-dialog-expect-403-and-481.xml");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(calls.legs).isEmpty();
    assertThat(refusals).anyMatch(l -> l.contains("outside any dialog") && l.endsWith("403 REFER is taken only within a call"));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
