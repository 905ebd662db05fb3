package io.switchboard.e2e.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.calls.JavaAgent;
import io.switchboard.e2e.calls.SippCaller;
import io.switchboard.e2e.calls.ToneFile;
import io.switchboard.media.testpeer.Await;
import io.switchboard.server.store.Store;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, point 3 (docs/scale.md): two Switchboard nodes on 127.0.0.2 and 127.0.0.3, clustered (Hazelcast over a
 * TCP/IP member list), sharing one store (the embedded MongoDB as its own process), Debian's Kamailio in front with
 * the project's dispatcher configuration. Calls through Kamailio land on both nodes and are answered there; node A,
 * which leads the ACD, is killed with -9: Kamailio sends the caller of A's call a BYE, node B takes the lead and
 * closes A's call as interrupted within 5 s, the next call goes to node B, and the store holds exactly one record
 * per call.
 */
class TwoNodesBehindKamailioTest {
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
  void callsLandOnBothNodes_nodeAIsKilled_itsCallIsClosedByB_newCallsGoToB_oneRecordPerCall() throws Exception {
    vertx = Vertx.vertx();
    // One after the other: the first seeds the demo configuration into the shared store, the second finds it.
    TwoNodeCluster cluster = keep(new TwoNodeCluster(vertx, dir));
    ServerProcess a = cluster.a;
    ServerProcess b = cluster.b;
    KamailioProcess kamailio = cluster.kamailio;
    Store store = cluster.store;
    assertThat(leader(store)).as("the node started first leads").isEqualTo("node-a");

    JavaAgent alice = keep(new JavaAgent(vertx, a.httpPort));
    alice.login("alice", "alice-demo");
    alice.ready();
    JavaAgent bob = keep(new JavaAgent(vertx, b.httpPort));
    bob.login("bob", "bob-demo");
    bob.ready();

    // Two calls through Kamailio: round-robin puts one on each node, where that node's agent answers.
    SippCaller first = keep(call(kamailio, "+4930123401"));
    SippCaller second = keep(call(kamailio, "+4930123402"));
    String onA = answer(alice);
    String onB = answer(bob);
    Map<String, String> nodeOf = TwoNodeCluster.awaitValue(() -> nodesOf(store, List.of(onA, onB)), Duration.ofSeconds(10));
    assertThat(nodeOf).containsEntry(onA, "node-a").containsEntry(onB, "node-b");

    // Which caller Kamailio sent where: the round-robin may start with either node.
    String callerOnB = store.call(onB).await(5, TimeUnit.SECONDS).orElseThrow().getString("from");
    SippCaller bobsCaller = callerOnB.endsWith("02") ? second : first;
    SippCaller alicesCaller = bobsCaller == first ? second : first;

    // Bob's call ends normally before the crash.
    bob.command(new JsonObject().put("type", "call.hangup").put("callId", onB));
    assertThat(bobsCaller.awaitExit(Duration.ofSeconds(20))).as(bobsCaller.report()).isZero();
    bob.awaitState("ready", Duration.ofSeconds(20)); // after the demo queue's wrap-up

    // Normally A still leads here; on a starved machine its renewal can come late and B leads already.
    String leaderBeforeKill = leader(store);
    long killedAt = System.currentTimeMillis();
    a.kill();
    // The caller of A's call: Kamailio's probes find A dead and its dialog module sends the caller a BYE, which the
    // scenario answers with 200 (docs/scale.md, "Failure cases"). Timed from the kill on a thread of its own.
    java.util.concurrent.CompletableFuture<Long> alicesCallerReleased = java.util.concurrent.CompletableFuture
        .supplyAsync(() -> {
          try {
            int exit = alicesCaller.awaitExit(Duration.ofSeconds(30));
            assertThat(exit).as("the caller of A's call got a BYE and answered it: " + alicesCaller.report())
                .isZero();
            return System.currentTimeMillis() - killedAt;
          } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });
    JsonObject interrupted = TwoNodeCluster.awaitValue(() -> store.call(onA).await(5, TimeUnit.SECONDS)
        .filter(r -> "interrupted".equals(r.getString("outcome"))).orElse(null), Duration.ofSeconds(15));
    long closedAfter = System.currentTimeMillis() - killedAt;
    JsonObject acd = store.leases().fencedState("acd").await(5, TimeUnit.SECONDS).orElseThrow();
    long tookOverAfter = acd.getJsonObject("state").getLong("takenAt") - killedAt;
    System.out.printf("node A killed (leader before: %s): node B led the ACD %d ms after the kill (epoch %d), "
        + "A's call closed after %d ms%n", leaderBeforeKill, tookOverAfter, acd.getLong("epoch"), closedAfter);
    assertThat(acd.getJsonObject("state").getString("leader")).isEqualTo("node-b");
    assertThat(acd.getLong("epoch")).isGreaterThanOrEqualTo(2L);
    assertThat(tookOverAfter).isLessThanOrEqualTo(5_000);
    assertThat(closedAfter).isLessThanOrEqualTo(6_000);
    assertThat(interrupted.getString("interruptedBy")).isEqualTo("node-b");
    assertThat(interrupted.getValue("answeredAt")).isNotNull();
    assertThat(interrupted.getJsonObject("agent").getString("username")).isEqualTo("alice");
    long byeAfter = alicesCallerReleased.get(40, TimeUnit.SECONDS);
    System.out.printf("the caller of A's call got Kamailio's BYE %d ms after the kill%n", byeAfter);
    assertThat(byeAfter).as("BYE to the dead node's caller, from the kill").isLessThanOrEqualTo(8_000);
    assertThat(kamailio.log()).as("the BYE came from Kamailio's dst-down route")
        .contains("node sip:" + TwoNodeCluster.NODE_A + ":" + a.sipPort + " is down: ending its dialogs");

    // A new call through Kamailio reaches node B (at once if its probes already marked A down, else after the
    // INVITE to A timed out and the failure route tried the next node).
    SippCaller third = keep(call(kamailio, "+4930123403"));
    String afterCrash = answer(bob);
    bob.command(new JsonObject().put("type", "call.hangup").put("callId", afterCrash));
    assertThat(third.awaitExit(Duration.ofSeconds(20))).as(third.report()).isZero();

    List<JsonObject> records = TwoNodeCluster.awaitValue(() -> {
      List<JsonObject> all = store.recentCalls(100).await(5, TimeUnit.SECONDS);
      return all.stream().noneMatch(r -> "in_progress".equals(r.getString("outcome"))) ? all : null;
    }, Duration.ofSeconds(15));
    Map<String, JsonObject> byId = records.stream().collect(Collectors.toMap(r -> r.getString("_id"),
        Function.identity()));
    assertThat(records).as("one record per call, none lost, none doubled").hasSize(3);
    Await.until(() -> kamailio.activeDialogs() == 0, Duration.ofSeconds(10),
        "Kamailio to forget every dialog: ended by BYE, or by the dead node's time-out");
    assertThat(byId.keySet()).containsExactlyInAnyOrder(onA, onB, afterCrash);
    assertThat(byId.get(onA).getString("outcome")).isEqualTo("interrupted");
    assertThat(byId.get(onA).getValue("endedAt")).as("A's call closed once: the BYE changed nothing after")
        .isEqualTo(interrupted.getValue("endedAt"));
    assertThat(byId.get(onB).getString("outcome")).isEqualTo("answered");
    assertThat(byId.get(onB).getString("node")).isEqualTo("node-b");
    JsonObject newCall = byId.get(afterCrash);
    assertThat(newCall.getString("outcome")).isEqualTo("answered");
    assertThat(newCall.getString("node")).isEqualTo("node-b");
    assertThat(newCall.getJsonObject("agent").getString("username")).isEqualTo("bob");
  }

  /** The agent's next offer, answered, with the caller's 1 kHz tone heard on the agent's media. */
  private static String answer(JavaAgent agent) throws Exception {
    String callId = agent.await("call.offer", Duration.ofSeconds(40)).getString("callId");
    agent.command(new JsonObject().put("type", "call.answer").put("callId", callId));
    // Generous: three JVMs, Kamailio and SIPp share the machine with the build.
    agent.media().awaitTone(1000, 0.7, Duration.ofSeconds(30)).get();
    return callId;
  }

  private SippCaller call(KamailioProcess kamailio, String caller) throws Exception {
    Path work = Files.createDirectories(dir.resolve("sipp-" + caller.substring(1)));
    return SippCaller.call("caller-through-a-proxy-expects-bye.xml", kamailio.port, DID, caller,
        ToneFile.write(work.resolve("caller-1khz.ulaw"), 1000, 60), 0, work);
  }

  private static String leader(Store store) throws Exception {
    return TwoNodeCluster.awaitValue(() -> store.leases().fencedState("acd").await(5, TimeUnit.SECONDS)
        .map(s -> s.getJsonObject("state").getString("leader")).orElse(null), Duration.ofSeconds(10));
  }

  private static Map<String, String> nodesOf(Store store, List<String> callIds) throws Exception {
    Map<String, String> nodes = new java.util.HashMap<>();
    for (String id : callIds) {
      store.call(id).await(5, TimeUnit.SECONDS).map(r -> r.getString("node")).ifPresent(n -> nodes.put(id, n));
    }
    return nodes.size() == callIds.size() ? nodes : null;
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    open.add(closeable);
    return closeable;
  }
}
