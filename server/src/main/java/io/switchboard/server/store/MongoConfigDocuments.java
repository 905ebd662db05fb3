package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import java.util.Optional;

/** {@link ConfigDocuments} in three collections; no multi-document transaction (the embedded server has none). */
final class MongoConfigDocuments implements ConfigDocuments {

  static final String CONFIG = "config";
  static final String HISTORY = "config_history";
  static final String STATE = "config_state";
  static final String APPLIED = "applied";

  private final MongoClient client;
  private final Durability durability;

  MongoConfigDocuments(MongoClient client, Durability durability) {
    this.client = client;
    this.durability = durability;
  }

  static String key(String kind, String id) {
    return kind + "/" + id;
  }

  @Override
  public Future<List<JsonObject>> all() {
    return client.findWithOptions(CONFIG, new JsonObject(), new FindOptions().setSort(new JsonObject().put("_id", 1)));
  }

  @Override
  public Future<Optional<JsonObject>> entry(String kind, String id) {
    return client.findOne(CONFIG, new JsonObject().put("_id", key(kind, id)), null).map(Optional::ofNullable);
  }

  @Override
  public Future<List<JsonObject>> versions(String kind, String id) {
    return client.findWithOptions(HISTORY, new JsonObject().put("kind", kind).put("id", id),
        new FindOptions().setSort(new JsonObject().put("version", -1)));
  }

  @Override
  public Future<Optional<JsonObject>> version(String kind, String id, long version) {
    return client.findOne(HISTORY, new JsonObject().put("_id", key(kind, id) + "@" + version), null)
        .map(Optional::ofNullable);
  }

  @Override
  public Future<Boolean> save(JsonObject entry, long expectedVersion) {
    String key = key(entry.getString("kind"), entry.getString("id"));
    JsonObject current = entry.copy().put("_id", key);
    // The conditional write on the current entry is the guard: of two concurrent changes one matches, one does not
    // (an insert of an existing _id is a duplicate key).
    Future<Boolean> written = expectedVersion == 0
        ? client.insert(CONFIG, current).map(true).recover(e -> StoreConflict.translate(e, key)
            instanceof StoreConflict ? Future.succeededFuture(false) : Future.failedFuture(e))
        : client.replaceDocuments(CONFIG, new JsonObject().put("_id", key).put("version", expectedVersion), current)
            .map(result -> result != null && result.getDocMatched() == 1);
    return written.compose(ok -> !ok ? Future.succeededFuture(false)
        : client.replaceDocumentsWithOptions(HISTORY,
            new JsonObject().put("_id", key + "@" + entry.getLong("version")),
            entry.copy().put("_id", key + "@" + entry.getLong("version")), new UpdateOptions().setUpsert(true))
            // An acknowledged change survives a crash (the embedded store commits its file now).
            .compose(v -> durability.commit()).map(true));
  }

  @Override
  public Future<Optional<JsonObject>> applied() {
    return client.findOne(STATE, new JsonObject().put("_id", APPLIED), null).map(Optional::ofNullable);
  }

  @Override
  public Future<Void> saveApplied(JsonObject state) {
    return client.replaceDocumentsWithOptions(STATE, new JsonObject().put("_id", APPLIED),
        state.copy().put("_id", APPLIED), new UpdateOptions().setUpsert(true)).compose(v -> durability.commit());
  }
}
