package io.switchboard.server.store;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The embedded MongoDB (wire protocol, H2 file) run as a process of its own, so that several nodes on one machine can
 * share it through {@code MONGODB_URI} and it outlives any one of them (docs/scale.md, "How it is proven on one
 * machine"). A stand-in for a replica set where none is installed: one file, no replication, loopback only.
 * {@code java -cp switchboard.jar io.switchboard.server.store.SharedStore <data-folder> <port>}.
 */
public final class SharedStore {

  /** What it prints once it listens; the port follows. */
  public static final String READY = "Shared store listening on ";

  private SharedStore() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: SharedStore <data-folder> <port (0: a free one)>");
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx();
    EmbeddedMongo mongo = EmbeddedMongo.start(vertx, Path.of(args[0]), Integer.parseInt(args[1]),
        io.switchboard.server.config.MongoConfig.DEFAULT_EMBEDDED_CACHE_MB)
        .await(60, TimeUnit.SECONDS);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        mongo.stop(vertx).await(10, TimeUnit.SECONDS); // commits and closes the file
      } catch (Exception e) {
        System.err.println("shared store did not stop cleanly: " + e);
      }
      stopped.countDown();
    }));
    // A write the nodes saw acknowledged is in the file within this period even if this process is killed.
    vertx.setPeriodic(200, id -> mongo.commit(vertx));
    System.out.println(READY + mongo.connectionString());
    stopped.await();
  }
}
