package io.switchboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.config.MongoConfig;
import io.switchboard.server.store.Store;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes, each a Vert.x clustered with Hazelcast over a TCP/IP member list on loopback, sharing one store: the
 * event bus carries one node's events to the other, one node leads the ACD, and when the leader dies the other takes
 * the lead and closes the dead node's calls within 5 s.
 */
class ClusterNodeTest {

  private static final Duration LEASE = Duration.ofSeconds(3); // the default cluster.lease-seconds
  private Vertx storeVertx;
  private Vertx vertxA;
  private Vertx vertxB;

  @AfterEach
  void close() throws Exception {
    for (Vertx vertx : new Vertx[] {vertxA, vertxB, storeVertx}) {
      if (vertx != null) {
        vertx.close().await(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void theLeaderDies_theOtherNodeLeadsWithin5Seconds_andClosesTheDeadNodesCallsOnce(@TempDir Path dir)
      throws Exception {
    storeVertx = Vertx.vertx();
    Store store = Store.open(storeVertx, new MongoConfig("", "switchboard", 0), dir).await(30, TimeUnit.SECONDS);
    int portA = freePort();
    int portB = freePort();
    ClusterConfig a = new ClusterConfig(true, "node-a", "127.0.0.1", portA, List.of("127.0.0.1:" + portB), LEASE);
    ClusterConfig b = new ClusterConfig(true, "node-b", "127.0.0.1", portB, List.of("127.0.0.1:" + portA), LEASE);
    vertxA = ClusteredVertx.start(a).await(60, TimeUnit.SECONDS);
    vertxB = ClusteredVertx.start(b).await(60, TimeUnit.SECONDS);

    // A leads first; B hears it over the clustered event bus.
    Promise<JsonObject> aLeadsHeardOnB = Promise.promise();
    Promise<JsonObject> bLeads = Promise.promise();
    Promise<JsonObject> interruptedHeard = Promise.promise();
    vertxB.eventBus().<JsonObject>consumer(ClusterNode.LEADER, m -> {
      (m.body().getString("node").equals("node-a") ? aLeadsHeardOnB : bLeads).tryComplete(m.body());
    }).completion().await(10, TimeUnit.SECONDS);
    vertxB.eventBus().<JsonObject>consumer(ClusterNode.INTERRUPTED, m -> interruptedHeard.tryComplete(m.body()))
        .completion().await(10, TimeUnit.SECONDS);
    ClusterNode nodeA = new ClusterNode(vertxA, a, store, dir.resolve("recordings")).start()
        .await(10, TimeUnit.SECONDS);
    assertThat(aLeadsHeardOnB.future().await(10, TimeUnit.SECONDS).getLong("epoch")).isEqualTo(1L);
    ClusterNode nodeB = new ClusterNode(vertxB, b, store, dir.resolve("recordings")).start()
        .await(10, TimeUnit.SECONDS);
    assertThat(nodeA.leads()).isTrue();
    assertThat(nodeB.leads()).isFalse();
    // A request from A's side answered by B's node across the bus.
    JsonObject bStatus = vertxA.eventBus().<JsonObject>request(ClusterNode.STATUS + "node-b", null)
        .await(10, TimeUnit.SECONDS).body();
    assertThat(bStatus.getBoolean("leader")).isFalse();

    // A call up on each node.
    store.saveCall(inProgress("call-on-a", "node-a")).await(10, TimeUnit.SECONDS);
    store.saveCall(inProgress("call-on-b", "node-b")).await(10, TimeUnit.SECONDS);

    // A dies: its timers stop, nothing is released (as with kill -9), and it leaves the Hazelcast cluster.
    long killedAt = System.currentTimeMillis();
    vertxA.close().await(30, TimeUnit.SECONDS);
    vertxA = null;

    JsonObject took = bLeads.future().await(10, TimeUnit.SECONDS);
    long takeOverMillis = took.getLong("takenAt") - killedAt;
    System.out.println("take-over after the leader died: " + takeOverMillis + " ms");
    assertThat(took.getLong("epoch")).isEqualTo(2L);
    assertThat(took.getString("previous")).isEqualTo("node-a");
    assertThat(takeOverMillis).isLessThanOrEqualTo(5_000);
    assertThat(nodeB.leads()).isTrue();

    JsonObject interrupted = interruptedHeard.future().await(10, TimeUnit.SECONDS);
    assertThat(interrupted.getJsonArray("calls")).containsExactly("call-on-a");
    assertThat(System.currentTimeMillis() - killedAt).isLessThanOrEqualTo(5_000);
    JsonObject closed = store.call("call-on-a").await(10, TimeUnit.SECONDS).orElseThrow();
    assertThat(closed.getString("outcome")).isEqualTo("interrupted");
    assertThat(closed.getString("interruptedBy")).isEqualTo("node-b");
    assertThat(store.call("call-on-b").await(10, TimeUnit.SECONDS).orElseThrow().getString("outcome"))
        .isEqualTo("in_progress");
    // Closing it again (a second survivor, a late sweep) changes nothing.
    assertThat(store.closeInterruptedCall(closed.copy().put("outcome", "twice"), "node-a")
        .await(10, TimeUnit.SECONDS)).isFalse();
    nodeB.close().await(10, TimeUnit.SECONDS);
  }

  private static JsonObject inProgress(String id, String node) {
    return new JsonObject().put("_id", id).put("outcome", "in_progress").put("node", node)
        .put("arrivedAt", new JsonObject().put("$date", Instant.now().toString()))
        .put("timeline", new JsonArray().add(new JsonObject().put("at", Instant.now().toString())
            .put("event", "arrived")));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
