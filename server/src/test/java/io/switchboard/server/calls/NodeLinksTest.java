package io.switchboard.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.RtpConfig;
import io.switchboard.media.RtpPorts;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.media.prompt.Prompts;
import io.switchboard.media.recording.Recordings;
import io.switchboard.routing.config.ConfigurationFactory;
import io.switchboard.server.config.Config;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent on node A, call on node B (docs/scale.md): two call centers, each with its own {@code node.<id>.link}
 * address on one event bus, real plain RTP ports on loopback between them, one store. A call lands on B while the
 * only Ready agent is signed in on A: A's agent is offered it and answers, audio crosses the link both ways, B keeps
 * the record (with A's facts) and either side's hang-up or A's disappearance ends both sides.
 */
class NodeLinksTest {
  private static final String LINE = "+4930555009";
  private static final String CALLER = "+4930111222";

  @TempDir
  Path dir;
  private Vertx vertx;
  private Store store;
  private Recordings recordings;
  private RtpPorts ports;
  private CallCenter a;
  private CallCenter b;
  /** Each node's view of its own leadership: the epoch while it holds the ACD lease, else null. */
  private final AtomicReference<Long> leaderOfA = new AtomicReference<>(1L);
  private final AtomicReference<Long> leaderOfB = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Config config = Config.load(System.getenv(), List.of("--data.dir=" + dir, "--mongodb.embedded.port=0"));
    store = await(Store.open(vertx, config.mongo(), dir));
    recordings = Recordings.open(dir.resolve("recordings"));
    ports = RtpPorts.create(vertx, new RtpConfig("127.0.0.1", "127.0.0.1", 45000, 45999, 1 << 16));
    // A leads the ACD (epoch 1): its rounds place B's calls on A's agents.
    a = center(config, "node-a", "node-b", leaderOfA::get);
    b = center(config, "node-b", "node-a", leaderOfB::get);
  }

  private CallCenter center(Config config, String node, String peer, Supplier<Long> leaderEpoch) throws Exception {
    Map<String, List<Map<String, ?>>> docs = Map.of(
        "queue", List.of(Map.of("_id", "support", "name", "Support", "wrapUp", 30)),
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
    CallCenter center = new CallCenter(vertx, config.calls(), store, endpoint, recordings, Prompts.load(null),
        ConfigurationFactory.create(1, docs));
    center.clusterNode(node);
    await(center.link(node, ports, () -> Future.succeededFuture(List.of(peer)), leaderEpoch));
    return center;
  }

  @AfterEach
  void stop() throws Exception {
    await(b.close());
    await(a.close());
    await(ports.close());
    recordings.close();
    await(store.close());
    await(vertx.close());
  }

  @Test
  void callOnB_onlyAgentOnA_answersAndHearsTheCaller_andTheCallerHearsTheAgent() throws Exception {
    DeskSocket alice = signIn(a, "a-alice", "alice");
    FakeStream callerMedia = new FakeStream();
    FakeSipLeg caller = new FakeSipLeg(vertx, callerMedia, CALLER, LINE);
    b.onIncomingCall(caller);

    JsonObject offer = alice.next("call.offer", 5);
    String callId = offer.getString("callId");
    assertThat(offer.getString("from")).isEqualTo(CALLER);
    await(a.desk().answer(alice.connection, callId));
    alice.next("call.answered", 5);
    // A's answer can reach B before B has handled A's acceptance; B applies it once linked, then answers.
    assertThat(eventually(() -> caller.answered)).as("B answered its trunk on A's answer").isTrue();
    assertThat(read(b, () -> b.calls.get(callId).link.agentNode)).as("B's call is linked to A").isEqualTo("node-a");

    assertThat(read(b, () -> b.calls.get(callId).phase)).isEqualTo(Call.Phase.CONNECTED);
    // The caller's audio crosses B → A into the agent's session, and the agent's A → B to the caller.
    assertThat(relays(callerMedia, alice.media, (byte) 0x42)).as("agent hears the caller").isTrue();
    assertThat(relays(alice.media, callerMedia, (byte) 0x24)).as("caller hears the agent").isTrue();
    assertThat(read(b, () -> b.calls.get(callId).recorder)).as("recording on the call's node").isNotNull();
    assertThat(read(a, () -> a.calls.get(callId).recorder)).as("none on the agent's node").isNull();

    await(a.desk().hangup(alice.connection, callId));

    JsonObject record = finalRecord(callId);
    assertThat(eventually(() -> caller.hungUp)).as("B sent the caller its BYE").isTrue();
    assertThat(record.getString("outcome")).isEqualTo("answered");
    assertThat(record.getString("hungUpBy")).isEqualTo("agent");
    assertThat(record.getString("node")).isEqualTo("node-b");
    assertThat(record.getJsonObject("link").getString("node")).isEqualTo("node-a");
    assertThat(record.getJsonObject("agent").getString("id")).isEqualTo("a-alice");
    assertThat(record.getJsonObject("recording").getString("file")).isNotBlank();
    assertThat(record.getJsonArray("timeline").stream().map(JsonObject.class::cast)
        .filter(e -> "routing_finished".equals(e.getString("event"))).map(e -> e.getString("outcome")))
        .as("B's engine let the call go as moved, not abandoned").containsExactly("moved");
    assertThat(read(a, () -> a.calls.containsKey(callId) || a.links.incoming.containsKey(callId))).isFalse();
  }

  @Test
  void theCallerHangsUpOnB_theAgentOnAHearsTheCallEnd() throws Exception {
    DeskSocket alice = signIn(a, "a-alice", "alice");
    FakeSipLeg caller = new FakeSipLeg(vertx, new FakeStream(), CALLER, LINE);
    b.onIncomingCall(caller);
    String callId = alice.next("call.offer", 5).getString("callId");
    await(a.desk().answer(alice.connection, callId));
    assertThat(eventually(() -> caller.answered)).as("B answered its trunk on A's answer").isTrue();

    caller.hangUp();

    assertThat(alice.next("call.ended", 5).getString("by")).isEqualTo("caller");
    JsonObject record = finalRecord(callId);
    assertThat(record.getString("hungUpBy")).isEqualTo("caller");
    assertThat(record.getString("outcome")).isEqualTo("answered");
  }

  @Test
  void anAgentAlreadyRinging_isNeverOfferedASecondCall_fromAnotherNode() throws Exception {
    DeskSocket alice = signIn(a, "a-alice", "alice");
    b.onIncomingCall(new FakeSipLeg(vertx, new FakeStream(), CALLER, LINE));
    alice.next("call.offer", 5);

    // A second node's offer while alice rings: refused by alice's own node, and nothing rings her.
    JsonObject reply = await(vertx.eventBus().<JsonObject>request(NodeLinks.address("node-a"), new JsonObject()
        .put("op", "offer").put("callId", "c-second").put("node", "node-c").put("queueId", "support")
        .put("host", "127.0.0.1").put("port", 9).put("codec", new JsonObject().put("payloadType", 0)
            .put("name", "PCMU")))).body();

    assertThat(reply.getBoolean("accepted")).isFalse();
    assertThat(read(a, () -> a.calls.containsKey("c-second"))).isFalse();
    assertThat(alice.frames.stream().filter(f -> "call.offer".equals(f.getString("type")))).isEmpty();
  }

  @Test
  void theAgentsNodeVanishes_theCallOnBEnds_withAByeAndARecordSayingTheLinkWasLost() throws Exception {
    DeskSocket alice = signIn(a, "a-alice", "alice");
    FakeSipLeg caller = new FakeSipLeg(vertx, new FakeStream(), CALLER, LINE);
    b.onIncomingCall(caller);
    String callId = alice.next("call.offer", 5).getString("callId");
    await(a.desk().answer(alice.connection, callId));
    assertThat(eventually(() -> caller.answered)).as("B answered its trunk on A's answer").isTrue();
    long gone = System.nanoTime();

    await(a.on(() -> a.links.close())); // A stops answering on the bus, as a killed node does

    JsonObject record = finalRecord(callId);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - gone);
    assertThat(eventually(() -> caller.hungUp)).as("B sent the caller its BYE").isTrue();
    assertThat(record.getString("outcome")).isEqualTo("answered");
    assertThat(record.getString("hungUpBy")).isEqualTo("system");
    assertThat(record.getJsonObject("link").getBoolean("lost")).isTrue();
    assertThat(tookMs).isLessThan(5_000);
  }

  @Test
  void aPlacementFromAnOlderLeader_isRefused_onceANewerLeaderWasSeen() throws Exception {
    // A newer leader (epoch 2) asked B for its view; the old one (epoch 1, paused past its lease) then places.
    JsonObject view = request("node-b", new JsonObject().put("op", "view").put("epoch", 2L));
    assertThat(view.getString("node")).isEqualTo("node-b");

    JsonObject stale = request("node-b", new JsonObject().put("op", "place").put("callId", "c-any")
        .put("to", "node-a").put("epoch", 1L));
    JsonObject current = request("node-b", new JsonObject().put("op", "place").put("callId", "c-any")
        .put("to", "node-a").put("epoch", 2L));

    assertThat(stale.getBoolean("accepted")).isFalse();
    assertThat(stale.getString("reason")).contains("stale epoch");
    assertThat(current.getBoolean("accepted")).isTrue();
  }

  @Test
  void theLeadersView_listsBsUnrungWaitingCall_andAsReadyAgent() throws Exception {
    DeskSocket alice = signIn(a, "a-alice", "alice");
    await(a.desk().setState(alice.connection, "not_ready", "break"));
    FakeSipLeg caller = new FakeSipLeg(vertx, new FakeStream(), CALLER, LINE);
    b.onIncomingCall(caller);
    JsonObject viewOfB = null;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < until && (viewOfB == null || viewOfB.getJsonArray("waiting").isEmpty())) {
      viewOfB = request("node-b", new JsonObject().put("op", "view").put("epoch", 1L));
    }
    assertThat(viewOfB.getJsonArray("waiting").getJsonObject(0).getString("queueId")).isEqualTo("support");
    assertThat(request("node-a", new JsonObject().put("op", "view").put("epoch", 1L)).getJsonObject("ready"))
        .as("alice is not ready").isEqualTo(new JsonObject());

    await(a.desk().setState(alice.connection, "ready", null));

    // The leader's next round places the call on A, where alice is offered it.
    assertThat(alice.next("call.offer", 5).getString("from")).isEqualTo(CALLER);
  }

  @Test
  void withoutALeader_nothingCrossesNodes_andANewLeadersFirstRoundPlacesTheWaitingCall() throws Exception {
    leaderOfA.set(null); // the leader is gone; nobody holds the lease yet
    DeskSocket alice = signIn(a, "a-alice", "alice");
    b.onIncomingCall(new FakeSipLeg(vertx, new FakeStream(), CALLER, LINE));
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_500);
    while (System.nanoTime() < until) {
      assertThat(alice.frames.stream().map(f -> f.getString("type"))).as("no leader, no placement")
          .doesNotContain("call.offer");
      Thread.onSpinWait();
    }

    long tookOver = System.nanoTime();
    leaderOfB.set(2L); // B takes the lease (epoch 2): its rounds start from the nodes' live state

    alice.next("call.offer", 5);
    long placedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tookOver);
    System.out.printf("the new leader placed the waiting call %d ms after taking the lead%n", placedMs);
    assertThat(placedMs).isLessThan(2_000);
  }

  // ---------------------------------------------------------------- helpers

  private JsonObject request(String node, JsonObject body) throws Exception {
    return await(vertx.eventBus().<JsonObject>request(NodeLinks.address(node), body)).body();
  }


  private DeskSocket signIn(CallCenter center, String id, String username) throws Exception {
    DeskSocket desk = new DeskSocket(id, username);
    await(center.desk().connected(desk.connection));
    await(center.desk().mediaOffer(desk.connection, "v=0"));
    desk.media = (FakeStream) read(center, () -> center.agents.get(id).media);
    await(center.desk().setState(desk.connection, "ready", null));
    return desk;
  }

  /** Feeds packets of one byte value into {@code from}'s sink until {@code to} sends that payload on (≤ 5 s). */
  private static boolean relays(FakeStream from, FakeStream to, byte value) throws InterruptedException {
    byte[] packet = new byte[12 + 160];
    packet[0] = (byte) 0x80;
    Arrays.fill(packet, 12, packet.length, value);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (int seq = 1; System.nanoTime() < until; seq++) {
      packet[2] = (byte) (seq >> 8);
      packet[3] = (byte) seq;
      packet[7] = (byte) (seq * 160);
      packet[11] = 7;
      from.sink().onRtp(from, packet, 0, packet.length);
      byte[] sent;
      while ((sent = to.sent.poll(20, TimeUnit.MILLISECONDS)) != null) {
        if (sent.length == 160 && sent[0] == value && sent[159] == value) {
          return true;
        }
      }
    }
    return false;
  }

  private JsonObject finalRecord(String callId) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      Optional<JsonObject> r = await(store.call(callId)).filter(x -> !"in_progress".equals(x.getString("outcome")));
      if (r.isPresent()) {
        return r.get();
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no final record of " + callId);
  }

  private static boolean eventually(Supplier<Boolean> condition) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < until) {
      if (condition.get()) {
        return true;
      }
      Thread.onSpinWait();
    }
    return false;
  }

  private static <T> T read(CallCenter center, Supplier<T> what) throws Exception {
    return await(center.on(() -> Future.succeededFuture(what.get())));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}
