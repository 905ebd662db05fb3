package io.switchboard.server.store;

import io.switchboard.server.config.MongoConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Function;

/**
 * Where store tests keep their data: the embedded MongoDB in a temporary folder by default, or the real MongoDB named
 * by the environment variable {@code MONGODB_URI} (as the server reads it), each test in a database of its own so
 * runs never see each other's documents. {@code MONGODB_URI=mongodb://localhost:27017 mvn -pl server test}.
 */
final class TestStores {

  static final String URI = System.getenv().getOrDefault("MONGODB_URI", "").trim();

  private TestStores() {
  }

  /** A database name for one test: fixed on the embedded store (its file is per test), fresh on a real one. */
  static String database() {
    return URI.isEmpty() ? "switchboard" : "switchboard_test_" + UUID.randomUUID().toString().replace("-", "");
  }

  static MongoConfig config(String database) {
    return new MongoConfig(URI, database, 0);
  }

  static Future<Store> open(Vertx vertx, Path dir, String database) {
    return Store.open(vertx, config(database), dir);
  }

  /** Runs {@code work} with a bare client on the same database the store would use, then closes what it opened. */
  static Future<Void> withRawClient(Vertx vertx, Path dir, String database, Function<MongoClient, Future<?>> work) {
    if (!URI.isEmpty()) {
      MongoClient client = MongoClient.create(vertx, clientConfig(URI, database));
      return work.apply(client).<Void>mapEmpty().eventually(client::close);
    }
    return EmbeddedMongo.start(vertx, dir, 0, MongoConfig.DEFAULT_EMBEDDED_CACHE_MB).compose(mongo -> {
      MongoClient client = MongoClient.create(vertx, clientConfig(mongo.connectionString(), database));
      return work.apply(client).<Void>mapEmpty().eventually(client::close).eventually(() -> mongo.stop(vertx));
    });
  }

  private static JsonObject clientConfig(String uri, String database) {
    return new JsonObject().put("connection_string", uri).put("db_name", database);
  }
}
