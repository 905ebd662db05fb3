package io.switchboard.server.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The in-process MongoDB used when no URI is configured: a MongoDB wire-protocol server (mongo-java-server) whose
 * H2 MVStore backend keeps the data in one file. Reached through the real driver like any MongoDB, so the code
 * above it is the same in both cases.
 */
final class EmbeddedMongo {

  static final String FILE_NAME = "mongo.mv.db";
  private static final Logger LOG = Logger.getLogger(EmbeddedMongo.class.getName());
  // Loopback only: the embedded server has no authentication.
  private static final String HOST = "127.0.0.1";

  private final MongoServer server;
  private final H2Backend backend;
  private final Path file;

  private EmbeddedMongo(MongoServer server, H2Backend backend, Path file) {
    this.server = server;
    this.backend = backend;
    this.file = file;
  }

  /** Opens the file and binds the port on a worker thread: both are blocking I/O. */
  static Future<EmbeddedMongo> start(Vertx vertx, Path dataDir, int port, int cacheMb) {
    return vertx.executeBlocking(() -> startBlocking(dataDir, port, cacheMb), false);
  }

  private static EmbeddedMongo startBlocking(Path dataDir, int port, int cacheMb) {
    Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data folder " + file.getParent() + ": " + e.getMessage(), e);
    }
    H2Backend backend;
    try {
      // The backend stores each record as a Java-serialized object; a scan decodes every page not in the page cache
      // (MVStore's default: 16 MB), which was most of a month's report (docs/performance.md).
      backend = new H2Backend(new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMb).open());
    } catch (RuntimeException e) {
      // Most often the file lock: another Switchboard already runs on this data folder.
      throw new IllegalStateException("embedded MongoDB cannot open " + file + " (data.dir): " + rootMessage(e), e);
    }
    // The 5.x Java driver refuses servers older than MongoDB 4.0's wire version; announce 5.0, the newest emulated.
    backend.version(ServerVersion.MONGO_5_0);
    MongoServer server = new MongoServer(backend);
    try {
      server.bind(HOST, port);
    } catch (Exception e) { // BindException arrives undeclared (sneaky-thrown by Netty)
      server.shutdownNow();
      throw new IllegalStateException("embedded MongoDB cannot listen on " + HOST + ":" + port
          + " (mongodb.embedded.port): " + rootMessage(e), e);
    }
    LOG.info(() -> "Embedded MongoDB on " + HOST + ":" + server.getLocalAddress().getPort() + ", file " + file);
    return new EmbeddedMongo(server, backend, file);
  }

  String connectionString() {
    return "mongodb://" + HOST + ":" + server.getLocalAddress().getPort();
  }

  Path file() {
    return file;
  }

  /**
   * Writes what the MVStore holds in memory to its file now. MVStore commits on its own only about once a second,
   * so a write the driver acknowledged could otherwise vanish with a {@code kill -9}; after this it is in the file
   * (the operating system's page cache survives the process). Blocking, so on a worker thread.
   */
  Future<Void> commit(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      backend.commit();
      return null;
    }, false);
  }

  /** Stops listening and closes the backend, which commits and closes the MVStore file. */
  Future<Void> stop(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      server.shutdown();
      return null;
    }, false);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
