package io.switchboard.server.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.gateway.DialRequest;
import io.switchboard.gateway.OutboundLeg;
import io.switchboard.media.MediaSink;
import io.switchboard.media.RtpLeg;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.media.prompt.Prompts;
import io.switchboard.media.recording.Recordings;
import io.switchboard.routing.acd.AgentState;
import io.switchboard.routing.config.ConfigurationFactory;
import io.switchboard.server.config.Config;
import io.switchboard.server.outbound.DialPlan;
import io.switchboard.server.outbound.OutboundWall;
import io.switchboard.server.outbound.TrunkPolicy;
import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.AgentCommands;
import io.switchboard.signaling.AgentConnection;
import io.switchboard.signaling.SignalingException;
import io.switchboard.signaling.TransferRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer state machine ({@link Transfers}) on the real call control and routing engine, with media and SIP
 * replaced by fakes ({@link FakeStream}): blind, warm complete, warm cancel, a busy colleague, a number that does
 * not answer, the caller hanging up during the consultation. What switching does is checked by where each stream's
 * received media goes.
 */
class TransfersTest {
  private static final String LINE = "+4930555009";
  private static final String CALLER = "+4930111222";

  @TempDir
  Path dir;
  private Vertx vertx;
  private Store store;
  private Recordings recordings;
  private CallCenter center;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Config config = Config.load(System.getenv(), List.of("--data.dir=" + dir, "--mongodb.embedded.port=0"));
    store = await(Store.open(vertx, config.mongo(), dir));
    recordings = Recordings.open(dir.resolve("recordings"));
    Map<String, List<Map<String, ?>>> docs = Map.of(
        "queue", List.of(Map.of("_id", "support", "name", "Support", "wrapUp", 30),
            Map.of("_id", "sales", "name", "Sales", "wrapUp", 30)),
        "flow", List.of(Map.of("_id", "line", "entry", "wait", "steps", Map.of(
            "wait", Map.of("type", "queue", "queue", "support")))),
        "entry-points", List.of(Map.of("_id", "default", "numbers", Map.of(LINE, "line"))));
    WebRtcEndpoint endpoint = (WebRtcEndpoint) java.lang.reflect.Proxy.newProxyInstance(
        WebRtcEndpoint.class.getClassLoader(), new Class<?>[] {WebRtcEndpoint.class}, (proxy, method, args) -> {
          if (method.getName().equals("accept")) {
            return new FakeStream();
          }
          throw new UnsupportedOperationException(method.getName());
        });
    center = new CallCenter(vertx, config.calls(), store, endpoint, recordings, Prompts.load(null),
        ConfigurationFactory.create(1, docs));
  }

  @AfterEach
  void stop() throws Exception {
    await(center.close());
    recordings.close();
    await(store.close());
    await(vertx.close());
  }

  // ---------------------------------------------------------------- warm

  @Test
  void consultThenComplete_callerHearsMusicMeanwhile_thenTalksToTheColleague() throws Exception {
    DeskSocket alice = desk("a-alice", "alice");
    Caller caller = callAnsweredBy(alice);
    DeskSocket bob = desk("a-bob", "bob");

    transfer(alice, "consult", caller.callId, "agent", "a-bob");
    assertThat(alice.next("transfer.consulting").getJsonObject("to").getString("id")).isEqualTo("a-bob");
    assertThat(bob.next("transfer.consulted").getString("caller")).isEqualTo(CALLER);
    assertThat(stateOf("a-bob")).isEqualTo(AgentState.NOT_READY);
    assertThat(read(() -> call(caller).hold.seconds(null) >= 0 && call(caller).bridge.held())).isTrue();
    // alice's session now feeds bob's, and bob's feeds alice's; the caller's goes nowhere new (held).
    assertThat(alice.media.sink()).isNotSameAs(MediaSink.DISCARD).isNotSameAs(caller.media.sink());

    transfer(alice, "complete", caller.callId, null, null);

    assertThat(alice.next("call.ended").getString("by")).isEqualTo("transfer");
    bob.next("call.transferred");
    bob.next("call.answered");
    assertThat(stateOf("a-bob")).isEqualTo(AgentState.ON_CALL);
    assertThat(stateOf("a-alice")).isNotEqualTo(AgentState.ON_CALL);
    assertThat(read(() -> call(caller).agent.id())).isEqualTo("a-bob");
    assertThat(alice.media.sink()).as("alice is out of the call").isSameAs(MediaSink.DISCARD);
    assertThat(bob.media.sink()).isNotSameAs(MediaSink.DISCARD);
    JsonObject entry = read(() -> call(caller).transfers.getJsonObject(0).copy());
    assertThat(entry.getString("mode")).isEqualTo("consult");
    assertThat(entry.getString("outcome")).isEqualTo("completed");
    assertThat(read(() -> call(caller).segment)).isEqualTo(2);
  }

  @Test
  void consultThenCancel_theColleagueIsReadyAgain_andTheAgentTalksToTheCaller() throws Exception {
    DeskSocket alice = desk("a-alice", "alice");
    Caller caller = callAnsweredBy(alice);
    DeskSocket bob = desk("a-bob", "bob");
    transfer(alice, "consult", caller.callId, "agent", "a-bob");
    bob.next("transfer.consulted");

    transfer(alice, "cancel", caller.callId, null, null);

    assertThat(bob.next("transfer.ended").getString("outcome")).isEqualTo("cancelled");
    assertThat(alice.next("transfer.ended").getString("outcome")).isEqualTo("cancelled");
    assertThat(stateOf("a-bob")).isEqualTo(AgentState.READY);
    assertThat(bob.media.sink()).isSameAs(MediaSink.DISCARD);
    assertThat(read(() -> call(caller).agent.id())).isEqualTo("a-alice");
    assertThat(read(() -> call(caller).bridge.held())).isFalse();
    assertThat(alice.media.sink()).isNotSameAs(MediaSink.DISCARD);
    assertThat(caller.media.sink()).isNotSameAs(MediaSink.DISCARD);
  }

  @Test
  void theConsultedColleagueDeclines_backToTheCaller() throws Exception {
    DeskSocket alice = desk("a-alice", "alice");
    Caller caller = callAnsweredBy(alice);
    DeskSocket bob = desk("a-bob", "bob");
    transfer(alice, "consult", caller.callId, "agent", "a-bob");
    bob.next("transfer.consulted");

    transfer(bob, "cancel", caller.callId, null, null);

    assertThat(alice.next("transfer.ended").getString("outcome")).isEqualTo("declined");
    assertThat(stateOf("a-bob")).isEqualTo(AgentState.READY);
    assertThat(read(() -> call(caller).agent.id())).isEqualTo("a-alice");
  }

  @Test
  void theConsultedColleague_cannotGoReadyMidConsultation_soNoQueueCallIsOfferedToThem() throws Exception {
    DeskSocket alice = desk("a-alice", "alice");
    Caller caller = callAnsweredBy(alice);
    DeskSocket bob = desk("a-bob", "bob");
    transfer(alice, "consult", caller.callId, "agent", "a-bob");
    bob.next("transfer.consulted");

    assertThatThrownBy(() -> await(center.desk().setState(bob.connection, "ready", null)))
        .hasMessageContaining("consultation");
    assertThatThrownBy(() -> await(center.desk().setState(bob.connection, "not_ready", "break")))
        .hasMessageContaining("consultation");
    assertThat(stateOf("a-bob")).isEqualTo(AgentState.NOT_READY);

    // Once the consultation is over the colleague's desk is theirs again.
    transfer(alice, "cancel", caller.callId, null, null);
    bob.next("transfer.ended");
    assertThat(stateOf("a-bob")).isEqualTo(AgentState.READY);
  }

  @Test
  void theColleagueSignsOutWhileConsulted_completeIsRefused_andTheAgentIsBackWithTheCaller() throws Exception {
    DeskSocket alice = desk("a-alice", "alice");
    Caller caller = callAnsweredBy(alice);
    DeskSocket bob = desk("a-bob", "bob");
    transfer(alice, "consult", caller.callId, "agent", "a-bob");
    bob.next("transfer.consulted");
    center.desk().disconnected(bob.connection);

    assertThatThrownBy(() -> transfer(alice, "complete", caller.callId, null, null))
        .hasMessageContaining("can no longer take the call");

    assertThat(alice.next("transfer.ended").getString("outcome")).isEqualTo("target_unavailable");
    assertThat(read(() -> call(caller).agent.id())).isEqualTo("a-alice");
    assertThat(read(() -> call(caller).bridge.held())).isFalse();
    assertThat(stateOf("a-alice")).isEqualTo(AgentState.ON_CALL);
  }

  @Test
  void callerHangsUpDuringTheConsultation_theColleagueIsFreed() throws Exception {
    DeskSocket alice = desk("a-alice", "alice");
    Caller caller = callAnsweredBy(alice);
    DeskSocket bob = desk("a-bob", "bob");
    transfer(alice, "consult", caller.callId, "agent", "a-bob");
    bob.next("transfer.consulted");

    caller.leg.hangUp();

    assertThat(bob.next("transfer.ended").getString("outcome")).isEqualTo("caller_hung_up");
    assertThat(alice.next("call.ended").getString("by")).isEqualTo("caller");
    assertThat(stateOf("a-bob")).isEqualTo(AgentState.READY);
    JsonObject record = awaitRecord(caller.callId);
    assertThat(record.getJsonArray("transfers").getJsonObject(0).getString("outcome")).isEqualTo("caller_hung_up");
  }

  @Test
  void aBusyColleague_isRefused_andNothingChanges() throws Exception {
    DeskSocket alice = desk("a-alice", "alice");
    Caller caller = callAnsweredBy(alice);
    DeskSocket bob = desk("a-bob", "bob");
    await(center.desk().setState(bob.connection, "not_ready", "lunch"));

    assertThatThrownBy(() -> transfer(alice, "consult", caller.callId, "agent", "a-bob"))
        .hasCauseInstanceOf(SignalingException.class).hasMessageContaining("busy");
    assertThatThrownBy(() -> transfer(alice, "blind", caller.callId, "agent", "a-nobody"))
        .hasCauseInstanceOf(SignalingException.class);
    assertThatThrownBy(() -> transfer(bob, "blind", caller.callId, "queue", "sales"))
        .as("only the agent on the call transfers it").hasMessageContaining("not on this call");

    assertThat(read(() -> call(caller).transfers.size())).isZero();
    assertThat(read(() -> call(caller).agent.id())).isEqualTo("a-alice");
    assertThat(read(() -> call(caller).bridge.held())).isFalse();
    assertThat(stateOf("a-alice")).isEqualTo(AgentState.ON_CALL);
  }

  // ---------------------------------------------------------------- blind

  @Test
  void blindToAColleague_theyTakeTheCallAtOnce() throws Exception {
    DeskSocket alice = desk("a-alice", "alice");
    Caller caller = callAnsweredBy(alice);
    DeskSocket bob = desk("a-bob", "bob");

    transfer(alice, "blind", caller.callId, "agent", "a-bob");

    assertThat(alice.next("call.ended").getString("by")).isEqualTo("transfer");
    assertThat(bob.next("call.transferred").getJsonObject("by").getString("id")).isEqualTo("a-alice");
    bob.next("call.answered");
    assertThat(stateOf("a-bob")).isEqualTo(AgentState.ON_CALL);
    assertThat(read(() -> call(caller).transfers.getJsonObject(0).getString("outcome"))).isEqualTo("completed");
  }

  @Test
  void blindToAQueue_theCallerWaitsThereWithAPriorityBonus_andIsOfferedToItsAgent() throws Exception {
    DeskSocket alice = desk("a-alice", "alice");
    Caller caller = callAnsweredBy(alice);

    transfer(alice, "blind", caller.callId, "queue", "sales");

    assertThat(alice.next("call.ended").getString("by")).isEqualTo("transfer");
    assertThat(read(() -> center.engine.findCall(caller.callId).orElseThrow().request().priority()))
        .isEqualTo(Transfers.QUEUE_PRIORITY_BONUS);
    assertThat(read(() -> call(caller).queueId)).isEqualTo("sales");
    DeskSocket bob = desk("a-bob", "bob");
    assertThat(bob.next("call.offer").getJsonObject("queue").getString("id")).isEqualTo("sales");
    JsonObject entry = read(() -> call(caller).transfers.getJsonObject(0).copy());
    assertThat(entry.getString("kind")).isEqualTo("queue");
    assertThat(entry.getString("outcome")).isEqualTo("queued");
  }

  // ---------------------------------------------------------------- to a number

  @Test
  void numbersNeedATrunkThatDials() throws Exception {
    DeskSocket alice = desk("a-alice", "alice");
    Caller caller = callAnsweredBy(alice);
    assertThatThrownBy(() -> transfer(alice, "consult", caller.callId, "number", "+4915112345678"))
        .hasMessageContaining("no trunk places outbound calls");
    assertThat(read(() -> call(caller).transfers.size())).isZero();
  }

  @Test
  void consultANumberThatDoesNotAnswer_backToTheCaller_andTheWallCountsItReleased() throws Exception {
    FakeTrunk trunk = new FakeTrunk();
    OutboundWall wall = new OutboundWall(List.of(new TrunkPolicy("pstn", new DialPlan("DE", false, false),
        "+4930555000", 1, 10, List.of(), List.of("alice"), false, Duration.ofSeconds(20))), Clock.systemUTC());
    center.outbound(new OutboundDialer(trunk, wall), null);
    DeskSocket alice = desk("a-alice", "alice");
    Caller caller = callAnsweredBy(alice);

    transfer(alice, "consult", caller.callId, "number", "015112345678");
    assertThat(trunk.requests).extracting(DialRequest::number).containsExactly("+4915112345678");
    alice.next("transfer.consulting");
    assertThat(wall.upOn("pstn")).isEqualTo(1);

    trunk.leg.end(OutboundLeg.EndReason.NO_ANSWER);

    assertThat(alice.next("transfer.ended").getString("outcome")).isEqualTo("no_answer");
    assertThat(read(() -> call(caller).bridge.held())).isFalse();
    assertThat(read(() -> call(caller).agent.id())).isEqualTo("a-alice");
    assertThat(wall.upOn("pstn")).isZero();

    DeskSocket bob = desk("a-bob", "bob");
    transfer(alice, "consult", caller.callId, "agent", "a-bob");
    assertThatThrownBy(() -> transfer(bob, "consult", caller.callId, "number", "015112345678"))
        .as("bob is not on the call").hasMessageContaining("not on this call");
  }

  @Test
  void anAgentWithoutPermission_cannotTransferTheCallerOut_andNoInviteLeaves() throws Exception {
    FakeTrunk trunk = new FakeTrunk();
    OutboundWall wall = new OutboundWall(List.of(new TrunkPolicy("pstn", new DialPlan("DE", false, false),
        "+4930555000", 1, 10, List.of(), List.of("alice"), false, Duration.ofSeconds(20))), Clock.systemUTC());
    center.outbound(new OutboundDialer(trunk, wall), null);
    DeskSocket bob = desk("a-bob", "bob");
    Caller caller = callAnsweredBy(bob);

    assertThatThrownBy(() -> transfer(bob, "blind", caller.callId, "number", "015112345678"))
        .hasMessageContaining("not_permitted");
    assertThatThrownBy(() -> transfer(bob, "consult", caller.callId, "number", "015112345678"))
        .hasMessageContaining("not_permitted");

    assertThat(trunk.requests).as("no INVITE").isEmpty();
    assertThat(read(() -> call(caller).agent.id())).isEqualTo("a-bob");
    assertThat(read(() -> call(caller).bridge.held())).as("the caller was never put on hold").isFalse();
    assertThat(stateOf("a-bob")).isEqualTo(AgentState.ON_CALL);
  }

  @Test
  void aReferTrunksCallerWhoseCarrierCannotRefer_isBridgedInstead_andAnUnpermittedAgentIsRefusedFirst() throws Exception {
    FakeTrunk trunk = new FakeTrunk();
    TrunkPolicy pstn = new TrunkPolicy("pstn", new DialPlan("DE", false, false), "+4930555000", 2, 10, List.of(),
        List.of("alice"), false, Duration.ofSeconds(20));
    TrunkPolicy callers = new TrunkPolicy("test", new DialPlan("DE", false, false), "+4930555000", 2, 10, List.of(),
        List.of("alice"), false, Duration.ofSeconds(20));
    OutboundWall wall = new OutboundWall(List.of(pstn, callers), Clock.systemUTC());
    center.outbound(new OutboundDialer(trunk, wall, java.util.Set.of("test")), null);
    DeskSocket bob = desk("a-bob", "bob");
    Caller first = callAnsweredBy(bob);
    assertThatThrownBy(() -> transfer(bob, "blind", first.callId, "number", "015112345678"))
        .hasMessageContaining("not_permitted");
    assertThat(read(() -> call(first).agent.id())).as("nothing changed").isEqualTo("a-bob");
    await(center.desk().hangup(bob.connection, first.callId));

    DeskSocket alice = desk("a-alice", "alice");
    Caller caller = callAnsweredBy(alice);
    // FakeSipLeg cannot send REFER (SipLeg's default refuses), as a carrier refusing it would.
    transfer(alice, "blind", caller.callId, "number", "015112345678");

    assertThat(alice.next("call.ended").getString("by")).isEqualTo("transfer");
    assertThat(trunk.requests).extracting(DialRequest::trunk).containsExactly("pstn");
    List<String> outcomes = read(() -> call(caller).transfers.stream()
        .map(e -> ((JsonObject) e).getString("outcome", "")).toList());
    assertThat(outcomes).containsExactly("refer_failed", "");
    assertThat(read(() -> call(caller).transfers.getJsonObject(0).getString("via"))).isEqualTo("refer");
    assertThat(wall.upOn("test")).as("the REFER's admission is released").isZero();
  }

  // ---------------------------------------------------------------- plumbing

  private void transfer(DeskSocket desk, String action, String callId, String kind, String target) throws Exception {
    await(center.desk().transfer(desk.connection, new TransferRequest(action, callId, kind, target)));
  }

  private Call call(Caller caller) {
    return center.calls.get(caller.callId);
  }

  private AgentState stateOf(String agent) throws Exception {
    return read(() -> center.engine.findAgent(agent).orElseThrow().state());
  }

  private <T> T read(Supplier<T> what) throws Exception {
    return await(center.on(() -> Future.succeededFuture(what.get())));
  }

  private JsonObject awaitRecord(String callId) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      Optional<JsonObject> r = await(store.call(callId)).filter(x -> !"in_progress".equals(x.getString("outcome")));
      if (r.isPresent()) {
        return r.get();
      }
      await(Future.future(p -> vertx.setTimer(50, t -> p.complete())));
    }
    throw new AssertionError("no final record of " + callId);
  }

  /** A signed-in agent, Ready with a (fake) connected headset. */
  private DeskSocket desk(String id, String username) throws Exception {
    DeskSocket desk = new DeskSocket(new AgentAccount(id, username, username.substring(0, 1).toUpperCase() + username.substring(1),
        "hash", List.of(AgentAccount.AGENT)));
    AgentCommands commands = center.desk();
    await(commands.connected(desk.connection));
    await(commands.mediaOffer(desk.connection, "v=0"));
    desk.media = (FakeStream) read(() -> center.agents.get(id).media);
    await(commands.setState(desk.connection, "ready", null));
    return desk;
  }

  private Caller callAnsweredBy(DeskSocket agent) throws Exception {
    FakeStream media = new FakeStream();
    FakeSipLeg leg = new FakeSipLeg(vertx, media, CALLER, LINE);
    center.onIncomingCall(leg);
    String callId = agent.next("call.offer").getString("callId");
    await(center.desk().answer(agent.connection, callId));
    agent.next("call.answered");
    return new Caller(callId, leg, media);
  }

  private record Caller(String callId, FakeSipLeg leg, FakeStream media) {
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The gateway's dialer without SIP: remembers what it was asked, its one leg ends when the test says. */
  private static final class FakeTrunk implements io.switchboard.gateway.TrunkDialer {
    final List<DialRequest> requests = new CopyOnWriteArrayList<>();
    FakeOutboundLeg leg;

    @Override
    public Future<OutboundLeg> dial(DialRequest request) {
      requests.add(request);
      leg = new FakeOutboundLeg(request.number());
      return Future.succeededFuture(leg);
    }
  }

  private static final class FakeOutboundLeg implements OutboundLeg {
    private final String to;
    private final FakeStream media = new FakeStream();
    private final Promise<Void> answered = Promise.promise();
    private final List<Consumer<Ended>> ended = new CopyOnWriteArrayList<>();

    FakeOutboundLeg(String to) {
      this.to = to;
    }

    void end(EndReason reason) {
      answered.tryFail("ended");
      ended.forEach(l -> l.accept(new Ended(reason, 480, reason.name())));
    }

    @Override
    public String id() {
      return "out-" + media.id();
    }

    @Override
    public String callId() {
      return "sip-out-" + media.id();
    }

    @Override
    public String trunk() {
      return "pstn";
    }

    @Override
    public String to() {
      return to;
    }

    @Override
    public RtpLeg media() {
      return media;
    }

    @Override
    public void onProgress(Consumer<Progress> listener) {
    }

    @Override
    public Future<Void> answered() {
      return answered.future();
    }

    @Override
    public void onEnded(Consumer<Ended> listener) {
      ended.add(listener);
    }

    @Override
    public void hangup() {
      end(EndReason.WE_HUNG_UP);
    }
  }
}
