package io.switchboard.server.store;

import io.switchboard.server.config.MongoConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The store on MongoDB through the Vert.x client (the official reactive-streams driver underneath). */
final class MongoStore implements Store {

  static final String SETTINGS = "settings";
  // The driver's own server selection gives up after 30 s; a start-up that hangs that long looks dead.
  private static final long FIRST_PING_TIMEOUT_SECONDS = 15;

  private final Vertx vertx;
  private final MongoClient client;
  private final EmbeddedMongo embedded; // null with an external MongoDB
  private final String description;
  private Future<Void> closed;

  private MongoStore(Vertx vertx, MongoClient client, EmbeddedMongo embedded, String description) {
    this.vertx = vertx;
    this.client = client;
    this.embedded = embedded;
    this.description = description;
  }

  static Future<Store> open(Vertx vertx, MongoConfig config, Path dataDir) {
    Future<MongoStore> store;
    if (config.embedded()) {
      store = EmbeddedMongo.start(vertx, dataDir, config.embeddedPort()).map(embedded -> new MongoStore(vertx,
          MongoClient.create(vertx, clientConfig(embedded.connectionString(), config.database())), embedded,
          embedded.file().getParent() + " (embedded MongoDB)"));
    } else {
      store = Future.succeededFuture(new MongoStore(vertx, MongoClient.create(vertx,
          clientConfig(config.uri(), config.database())), null, "MongoDB at " + config.redactedUri()));
    }
    // Fail at start-up, not on the first call: a database that is down or a driver that refuses the server.
    return store.compose(opened -> opened.ping().timeout(FIRST_PING_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .<Store>map(opened)
        .recover(e -> opened.close().transform(closed -> Future.failedFuture(new IllegalStateException(
            opened.description + " does not answer: " + e.getMessage(), e)))));
  }

  private static JsonObject clientConfig(String uri, String database) {
    return new JsonObject().put("connection_string", uri).put("db_name", database);
  }

  @Override
  public Future<Void> ping() {
    return client.runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty();
  }

  @Override
  public Future<Void> putSetting(String key, JsonObject value) {
    JsonObject document = new JsonObject().put("_id", key).put("value", value);
    return client.replaceDocumentsWithOptions(SETTINGS, new JsonObject().put("_id", key), document,
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  @Override
  public Future<Optional<JsonObject>> setting(String key) {
    return client.findOne(SETTINGS, new JsonObject().put("_id", key), null)
        .map(document -> Optional.ofNullable(document).map(d -> d.getJsonObject("value")));
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public synchronized Future<Void> close() {
    if (closed == null) {
      // The client first: the embedded server must not vanish under open connections and cursors.
      closed = client.close().eventually(() -> embedded == null ? Future.succeededFuture() : embedded.stop(vertx));
    }
    return closed;
  }
}
