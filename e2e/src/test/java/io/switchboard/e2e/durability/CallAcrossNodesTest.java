package io.switchboard.e2e.durability;

import static io.switchboard.e2e.durability.TwoNodeCluster.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.calls.JavaAgent;
import io.switchboard.e2e.calls.SippCaller;
import io.switchboard.e2e.calls.ToneFile;
import io.switchboard.e2e.calls.Wav;
import io.switchboard.server.store.Store;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, points 2 and 3 (docs/scale.md, "Agent on node A, call on node B"): the same one-machine cluster as
 * {@link TwoNodesBehindKamailioTest}. A call arrives on node B through Kamailio while the only Ready agent, Alice, is
 * signed in on node A: B offers it to A, Alice answers, the SIPp caller's 1 kHz reaches her over the node-to-node RTP
 * link and her 440 Hz reaches B's recording (agent channel). Node A is then killed with -9: B ends the call (the
 * caller gets a BYE) with one record saying the link was lost, and the next call, on B, is answered by Bob there.
 */
class CallAcrossNodesTest {
  private static final String DID = "+4930555000";

  @TempDir
  Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private Vertx vertx;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      try {
        open.get(i).close();
      } catch (Exception e) {
        // the rest must still close
      }
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void callOnB_agentOnA_tonesBothWays_thenAIsKilled_theCallEndsOnBWithOneRecord_newCallsGoToB() throws Exception {
    vertx = Vertx.vertx();
    TwoNodeCluster cluster = keep(new TwoNodeCluster(vertx, dir));
    Store store = cluster.store;
    JavaAgent alice = keep(new JavaAgent(vertx, cluster.a.httpPort));
    alice.login("alice", "alice-demo");

    // Kamailio's round-robin alternates: callers who give up while nobody is Ready show where the next call goes.
    List<String> probes = new ArrayList<>();
    String lastProbeNode = null;
    for (int i = 1; i <= 3 && !"node-a".equals(lastProbeNode); i++) {
      String number = "+49301234" + (10 + i);
      Path work = Files.createDirectories(dir.resolve("probe-" + i));
      SippCaller probe = keep(SippCaller.call("caller-abandons-while-queued.xml", cluster.kamailio.port, DID, number,
          ToneFile.write(work.resolve("silence.ulaw"), 1000, 1), 3000, work));
      JsonObject record = awaitValue(() -> recordFrom(store, number), Duration.ofSeconds(30));
      lastProbeNode = record.getString("node");
      probes.add(record.getString("_id"));
      assertThat(probe.awaitExit(Duration.ofSeconds(30))).as(probe.report()).isZero();
    }
    assertThat(lastProbeNode).as("a probe landed on node A").isEqualTo("node-a");

    alice.ready();
    String callerNumber = "+4930123420";
    Path work = Files.createDirectories(dir.resolve("across"));
    SippCaller caller = keep(SippCaller.call("caller-through-a-proxy-expects-bye.xml", cluster.kamailio.port, DID,
        callerNumber, ToneFile.write(work.resolve("caller-1khz.ulaw"), 1000, 60), 0, work));
    JsonObject offer = alice.await("call.offer", Duration.ofSeconds(40));
    String callId = offer.getString("callId");
    assertThat(offer.getString("from")).isEqualTo(callerNumber);
    assertThat(store.call(callId).await(5, TimeUnit.SECONDS).orElseThrow().getString("node"))
        .as("the call landed on node B, the agent is on node A").isEqualTo("node-b");
    alice.command(new JsonObject().put("type", "call.answer").put("callId", callId));
    alice.media().startTone(440);
    alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(30)).get();
    JsonObject answered = awaitValue(() -> store.call(callId).await(5, TimeUnit.SECONDS)
        .filter(r -> r.getValue("answeredAt") != null).orElse(null), Duration.ofSeconds(10));
    assertThat(answered.getJsonObject("link").getString("node")).isEqualTo("node-a");

    long killedAt = System.currentTimeMillis();
    cluster.a.kill();
    assertThat(caller.awaitExit(Duration.ofSeconds(30))).as("B sends the caller a BYE; " + caller.report())
        .isZero();
    JsonObject record = awaitValue(() -> store.call(callId).await(5, TimeUnit.SECONDS)
        .filter(r -> !"in_progress".equals(r.getString("outcome"))).orElse(null), Duration.ofSeconds(15));
    long endedAfter = Instant.parse(record.getJsonObject("endedAt").getString("$date")).toEpochMilli() - killedAt;
    System.out.printf("node A killed: the cross-node call ended on node B %d ms after the kill%n", endedAfter);
    assertThat(record.getString("outcome")).isEqualTo("answered");
    assertThat(record.getString("node")).isEqualTo("node-b");
    assertThat(record.getString("hungUpBy")).isEqualTo("system");
    assertThat(record.getJsonObject("link").getString("node")).isEqualTo("node-a");
    assertThat(record.getJsonObject("link").getBoolean("lost")).isTrue();
    assertThat(record.getJsonObject("agent").getString("username")).isEqualTo("alice");
    assertThat(endedAfter).isLessThanOrEqualTo(6_000);
    Path wav = cluster.dirB.resolve("recordings").resolve(record.getJsonObject("recording").getString("file"));
    short[][] channels = Wav.readStereo(wav);
    assertThat(Wav.level(channels[0], 1000)).as("caller (left) 1 kHz, recorded on B").isGreaterThan(0.6);
    assertThat(Wav.level(channels[1], 440)).as("agent on A (right) 440 Hz, recorded on B").isGreaterThan(0.6);

    // New calls go to node B, where Bob answers.
    JavaAgent bob = keep(new JavaAgent(vertx, cluster.b.httpPort));
    bob.login("bob", "bob-demo");
    bob.ready();
    Path next = Files.createDirectories(dir.resolve("after"));
    SippCaller third = keep(SippCaller.call("caller-through-a-proxy-expects-bye.xml", cluster.kamailio.port, DID,
        "+4930123430", ToneFile.write(next.resolve("caller-1khz.ulaw"), 1000, 60), 0, next));
    String afterCrash = bob.await("call.offer", Duration.ofSeconds(40)).getString("callId");
    bob.command(new JsonObject().put("type", "call.answer").put("callId", afterCrash));
    bob.media().awaitTone(1000, 0.7, Duration.ofSeconds(30)).get();
    bob.command(new JsonObject().put("type", "call.hangup").put("callId", afterCrash));
    assertThat(third.awaitExit(Duration.ofSeconds(20))).as(third.report()).isZero();

    List<JsonObject> records = awaitValue(() -> {
      List<JsonObject> all = store.recentCalls(100).await(5, TimeUnit.SECONDS);
      return all.stream().noneMatch(r -> "in_progress".equals(r.getString("outcome"))) ? all : null;
    }, Duration.ofSeconds(15));
    List<String> ids = records.stream().map(r -> r.getString("_id")).toList();
    assertThat(ids).as("one record per call, none lost, none doubled").doesNotHaveDuplicates()
        .hasSize(probes.size() + 2).containsAll(probes).contains(callId, afterCrash);
    JsonObject newCall = records.stream().filter(r -> r.getString("_id").equals(afterCrash)).findFirst()
        .orElseThrow();
    assertThat(newCall.getString("node")).isEqualTo("node-b");
    assertThat(newCall.getString("outcome")).isEqualTo("answered");
  }

  private static JsonObject recordFrom(Store store, String number) throws Exception {
    return store.recentCalls(100).await(5, TimeUnit.SECONDS).stream()
        .filter(r -> number.equals(r.getString("from"))).findFirst().orElse(null);
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    open.add(closeable);
    return closeable;
  }
}
