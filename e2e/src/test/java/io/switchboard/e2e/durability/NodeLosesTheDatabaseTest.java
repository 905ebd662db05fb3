package io.switchboard.e2e.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.calls.JavaAgent;
import io.switchboard.e2e.calls.SippCaller;
import io.switchboard.e2e.calls.ToneFile;
import io.switchboard.media.testpeer.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/scale.md, "A node loses the database": a cluster node (the packaged jar in its own JVM, its store a separate
 * process) whose database stops answering for a lease term refuses new INVITEs with 503 and Retry-After, so Kamailio
 * moves on to another node, while the call it already carries goes on and ends normally.
 */
class NodeLosesTheDatabaseTest {
  private static final String DID = "+4930555000";

  @TempDir
  Path dir;
  private Vertx vertx;

  @AfterEach
  void closeVertx() throws Exception {
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void databaseGoneForALeaseTerm_newCallsGet503_theCallUpGoesOnAndEnds() throws Exception {
    vertx = Vertx.vertx();
    Path tone = ToneFile.write(dir.resolve("caller-1khz.ulaw"), 1000, 60);
    SharedStoreProcess store = SharedStoreProcess.start(dir.resolve("store"));
    try (store;
        ServerProcess node = ServerProcess.start(Files.createDirectories(dir.resolve("node")), List.of(
            "--mongodb.uri=" + store.uri(), "--cluster.enabled=true", "--cluster.node-id=node-a",
            "--cluster.host=127.0.0.1", "--cluster.port=" + freeTcpPort(), "--shutdown.drain-seconds=0"));
        JavaAgent alice = new JavaAgent(vertx, node.httpPort)) {
      alice.login("alice", "alice-demo");
      alice.ready();
      // A call up before the outage: the node takes calls.
      try (SippCaller caller = SippCaller.call("caller-expects-bye-from-the-agent.xml", node.sipPort, DID,
          "+4930123401", tone, 0, Files.createDirectories(dir.resolve("up")))) {
        String callId = alice.await("call.offer", Duration.ofSeconds(30)).getString("callId");
        alice.command(new JsonObject().put("type", "call.answer").put("callId", callId));
        alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(20)).get();

        long storeGoneAt = System.currentTimeMillis();
        store.close();
        Await.until(() -> node.output().contains("new calls refused with 503"), Duration.ofSeconds(15),
            "the node to notice the database is gone");
        long pausedAfter = System.currentTimeMillis() - storeGoneAt;
        System.out.printf("database gone: the node refused new calls after %d ms%n", pausedAfter);
        assertThat(pausedAfter).as("a lease term (3 s) and a check (1 s)").isLessThanOrEqualTo(6_000);

        try (SippCaller late = SippCaller.call("caller-expects-503-with-retry-after.xml", node.sipPort, DID,
            "+4930123402", tone, 0, Files.createDirectories(dir.resolve("late")))) {
          assertThat(late.awaitExit(Duration.ofSeconds(20))).as("a new call gets 503 with Retry-After: "
              + late.report()).isZero();
        }

        // The call up goes on: the agent still receives the caller's tone (a second of new packets), hangs up,
        // and the caller gets the BYE.
        long received = alice.media().rtpReceived();
        Await.until(() -> alice.media().rtpReceived() >= received + 50, Duration.ofSeconds(10),
            "a second more of the caller's audio after the outage");
        assertThat(alice.media().toneLevel(1000)).isGreaterThan(0.7);
        alice.command(new JsonObject().put("type", "call.hangup").put("callId", callId));
        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();
      }
    }
  }

  private static int freeTcpPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
