package io.switchboard.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.gateway.Referral;
import io.switchboard.gateway.SipLeg;
import io.switchboard.media.AudioCodec;
import io.switchboard.media.RtpLeg;
import io.switchboard.media.RtpPorts;
import io.switchboard.media.prompt.Prompts;
import io.switchboard.media.recording.Recordings;
import io.switchboard.media.testpeer.Await;
import io.switchboard.routing.acd.RoutedCall;
import io.switchboard.routing.config.ConfigurationFactory;
import io.switchboard.server.config.Config;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incoming REFER as call control judges it: a PBX may hand its call only to this hotline's own entry numbers or
 * queues; the call then runs the target's flow on the same leg. Anything else is refused and the call stays where it
 * was. The SIP side is a stand-in leg whose referrals record how they were answered.
 */
class TrunkReferralsTest {
  private static final String LINE = "+4930555009";
  private static final String L2 = "+4930555002";
  private static final String CALLER = "+4930111222";

  @TempDir
  Path dir;
  private Vertx vertx;
  private Store store;
  private RtpPorts ports;
  private Recordings recordings;
  private CallCenter center;
  private FakeLeg leg;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Config config = Config.load(System.getenv(), List.of("--data.dir=" + dir, "--mongodb.embedded.port=0",
        "--media.rtp.bind-host=127.0.0.1"));
    store = await(Store.open(vertx, config.mongo(), dir));
    ports = RtpPorts.create(vertx, config.rtp());
    recordings = Recordings.open(dir.resolve("recordings"));
    Map<String, List<Map<String, ?>>> docs = Map.of(
        "queue", List.of(Map.of("_id", "support", "name", "Support"), Map.of("_id", "l2", "name", "Second line")),
        "flow", List.of(
            Map.of("_id", "line", "entry", "wait", "steps", Map.of("wait", Map.of("type", "queue", "queue", "support"))),
            Map.of("_id", "second", "entry", "wait", "steps", Map.of("wait", Map.of("type", "queue", "queue", "l2")))),
        "entry-points", List.of(Map.of("_id", "default", "numbers", Map.of(LINE, "line", L2, "second"))));
    center = new CallCenter(vertx, config.calls(), store, null, recordings, Prompts.load(null),
        ConfigurationFactory.create(1, docs));
    RtpLeg media = await(ports.allocate());
    media.remote("127.0.0.1", 9, new AudioCodec(0, "PCMU", 101));
    leg = new FakeLeg(media);
    center.onIncomingCall(leg);
    Await.until(() -> queueOfTheCall().isPresent(), Duration.ofSeconds(10), "the call queued in support");
  }

  @AfterEach
  void stop() throws Exception {
    await(center.close());
    ports.close();
    recordings.close();
    await(store.close());
    await(vertx.close());
  }

  @Test
  void referToAnotherEntryNumber_accepted_theCallRunsThatFlowAndQueues_notifiedTryingThen200() throws Exception {
    FakeReferral referral = refer(L2, "<sip:reception@pbx.example>");

    assertThat(referral.answers).containsExactly("202", "done 200 OK");
    assertThat(queueOfTheCall()).contains("l2");
    JsonObject referred = timeline().stream().filter(e -> "referred".equals(e.getString("event"))).findFirst()
        .orElseThrow();
    assertThat(referred.getString("target")).isEqualTo(L2);
    assertThat(referred.getString("flow")).isEqualTo("second");
    assertThat(referred.getString("referredBy")).isEqualTo("<sip:reception@pbx.example>");
  }

  @Test
  void referToAQueueById_accepted_andQueuedThere() throws Exception {
    FakeReferral referral = refer("l2", null);

    assertThat(referral.answers).containsExactly("202", "done 200 OK");
    assertThat(queueOfTheCall()).contains("l2");
  }

  @Test
  void referToAnOutsideNumber_orAnUnknownOne_refused403_andTheCallStaysQueued() throws Exception {
    for (String outside : List.of("+499001234567", "+33123456789", "004930123456", "sales")) {
      FakeReferral referral = refer(outside, null);
      assertThat(referral.answers).as(outside).containsExactly("refused 403 Refer-To is not a number of this hotline");
    }
    assertThat(queueOfTheCall()).contains("support");
    assertThat(timeline()).noneMatch(e -> "referred".equals(e.getString("event")));
  }

  @Test
  void noOtherLegKindCanBeReferred_callerLegOffersNoReferOrDial() {
    assertThat(Arrays.stream(CallerLeg.class.getMethods()).map(java.lang.reflect.Method::getName))
        .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).matches(".*(refer|dial|transfer|forward).*"));
    assertThat(Arrays.stream(TrunkReferrals.class.getDeclaredFields()).map(f -> f.getType().getSimpleName()))
        .as("a referral has nothing to dial with").containsExactly("Logger", "CallCenter");
  }

  private FakeReferral refer(String target, String referredBy) throws Exception {
    FakeReferral referral = new FakeReferral(target, referredBy);
    leg.refer.accept(referral);
    Await.until(() -> referral.finished, Duration.ofSeconds(10), "the referral answered");
    return referral;
  }

  private Optional<String> queueOfTheCall() {
    return await(center.on(() -> Future.succeededFuture(center.calls.values().stream().findFirst()
        .flatMap(c -> center.engine.findCall(c.id)).map(RoutedCall::queueId))));
  }

  private List<JsonObject> timeline() {
    return await(center.on(() -> Future.succeededFuture(center.calls.values().stream().findFirst().orElseThrow()
        .timeline.stream().map(e -> (JsonObject) e).toList())));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A REFER as the gateway hands it over, recording the answers call control gives. */
  private static final class FakeReferral implements Referral {
    final List<String> answers = new CopyOnWriteArrayList<>();
    private final String target;
    private final String referredBy;
    volatile boolean finished;

    FakeReferral(String target, String referredBy) {
      this.target = target;
      this.referredBy = referredBy;
    }

    @Override
    public String target() {
      return target;
    }

    @Override
    public String referTo() {
      return "<sip:" + target + "@hotline.example>";
    }

    @Override
    public String referredBy() {
      return referredBy;
    }

    @Override
    public void accept() {
      answers.add("202");
    }

    @Override
    public void refuse(int status, String reason) {
      answers.add("refused " + status + " " + reason);
      finished = true;
    }

    @Override
    public void done(int status, String reason) {
      answers.add("done " + status + " " + reason);
      finished = true;
    }
  }

  /** The SIP side of the PBX's call, without SIP. */
  private final class FakeLeg implements SipLeg {
    private final RtpLeg media;
    volatile Consumer<Referral> refer;

    FakeLeg(RtpLeg media) {
      this.media = media;
    }

    @Override
    public void onRefer(Consumer<Referral> listener) {
      refer = listener;
    }

    @Override
    public String id() {
      return "fake-1";
    }

    @Override
    public String callId() {
      return "fake-call-1";
    }

    @Override
    public String trunk() {
      return "pbx";
    }

    @Override
    public String from() {
      return CALLER;
    }

    @Override
    public String to() {
      return LINE;
    }

    @Override
    public RtpLeg media() {
      return media;
    }

    @Override
    public void ringing() {
    }

    @Override
    public void earlyMedia() {
    }

    @Override
    public Future<Void> answer() {
      return Future.succeededFuture();
    }

    @Override
    public void reject(int status, String reason) {
    }

    @Override
    public void hangup() {
    }

    @Override
    public void onEnded(Consumer<EndReason> listener) {
    }

    @Override
    public void onHold(Consumer<Boolean> listener) {
    }

    @Override
    public void onDtmf(Consumer<Character> listener) {
    }
  }
}
