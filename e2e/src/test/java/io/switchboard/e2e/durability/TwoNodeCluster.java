package io.switchboard.e2e.durability;

import io.switchboard.media.testpeer.Await;
import io.switchboard.server.config.MongoConfig;
import io.switchboard.server.store.Store;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one-machine cluster of docs/scale.md, "Proven on one machine": the shared store as its own process, node A on
 * 127.0.0.2 and node B on 127.0.0.3 from the packaged jar (clustered by a TCP/IP member list, A started first so it
 * seeds the demo configuration), Kamailio in front of both, and a reader of the shared store. Closes in reverse.
 */
final class TwoNodeCluster implements AutoCloseable {
  static final String NODE_A = "127.0.0.2";
  static final String NODE_B = "127.0.0.3";

  private final List<AutoCloseable> open = new ArrayList<>();
  final ServerProcess a;
  final ServerProcess b;
  final KamailioProcess kamailio;
  final Store store;
  final Path dirA;
  final Path dirB;

  TwoNodeCluster(Vertx vertx, Path dir) throws Exception {
    try {
      SharedStoreProcess sharedStore = keep(SharedStoreProcess.start(dir.resolve("store")));
      int hazelcastA = freeTcpPort();
      int hazelcastB = freeTcpPort();
      dirA = Files.createDirectories(dir.resolve("a"));
      dirB = Files.createDirectories(dir.resolve("b"));
      a = keep(ServerProcess.start(dirA, node("node-a", NODE_A, hazelcastA, NODE_B + ":" + hazelcastB,
          sharedStore.uri())));
      b = keep(ServerProcess.start(dirB, node("node-b", NODE_B, hazelcastB, NODE_A + ":" + hazelcastA,
          sharedStore.uri())));
      kamailio = keep(KamailioProcess.start(Files.createDirectories(dir.resolve("kamailio")),
          List.of(NODE_A + ":" + a.sipPort, NODE_B + ":" + b.sipPort)));
      store = Store.open(vertx, new MongoConfig(sharedStore.uri(), "switchboard", 0), dir.resolve("reader"))
          .await(60, TimeUnit.SECONDS);
      open.add(() -> store.close().await(10, TimeUnit.SECONDS));
    } catch (Exception | AssertionError e) {
      close();
      throw e;
    }
  }

  private static List<String> node(String id, String host, int hazelcastPort, String otherMember, String storeUri) {
    return List.of("--mongodb.uri=" + storeUri, "--cluster.enabled=true", "--cluster.node-id=" + id,
        "--cluster.host=" + host, "--cluster.port=" + hazelcastPort, "--cluster.members=" + otherMember,
        "--sip.bind-host=" + host, "--sip.announced-address=" + host, "--media.rtp.bind-host=" + host,
        "--media.rtp.announced-address=" + host, "--shutdown.drain-seconds=0");
  }

  /** Asks until {@code ask} gives a value (not null), at most {@code timeout}. */
  static <T> T awaitValue(Callable<T> ask, Duration timeout) throws Exception {
    AtomicReference<T> value = new AtomicReference<>();
    Await.until(() -> {
      try {
        value.set(ask.call());
      } catch (Exception e) {
        return false;
      }
      return value.get() != null;
    }, timeout, "a value");
    return value.get();
  }

  private <T extends AutoCloseable> T keep(T closeable) {
    open.add(closeable);
    return closeable;
  }

  private static int freeTcpPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (int i = open.size() - 1; i >= 0; i--) {
      try {
        open.get(i).close();
      } catch (Exception e) {
        // the rest must still close
      }
    }
  }
}
