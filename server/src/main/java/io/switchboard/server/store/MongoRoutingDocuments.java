package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link RoutingDocuments} in three collections: the latest versions, every version, the last applied set. */
final class MongoRoutingDocuments implements RoutingDocuments {

  static final String LATEST = "config";
  static final String HISTORY = "config_history";
  static final String APPLIED = "config_applied";

  private final MongoClient client;
  private final Durability durability;

  MongoRoutingDocuments(MongoClient client, Durability durability) {
    this.client = client;
    this.durability = durability;
  }

  @Override
  public Future<List<JsonObject>> latest() {
    return client.findWithOptions(LATEST, new JsonObject(), new FindOptions().setSort(new JsonObject()
        .put("_id", 1)));
  }

  @Override
  public Future<Optional<JsonObject>> latest(String kind, String id) {
    return client.findOne(LATEST, new JsonObject().put("_id", key(kind, id)), null).map(Optional::ofNullable);
  }

  @Override
  public Future<JsonObject> save(String kind, String id, JsonObject doc, String author, String note,
      long expectedVersion) {
    long version = expectedVersion + 1;
    JsonObject entry = new JsonObject().put("_id", key(kind, id)).put("kind", kind).put("id", id)
        .put("version", version).put("deleted", doc == null).put("doc", doc).put("author", author)
        .put("note", note).put("savedAt", new JsonObject().put("$date", Instant.now().toString()));
    String conflict = kind + " " + id + " was changed meanwhile (it is no longer at version " + expectedVersion
        + "): reload it and try again";
    Future<?> written;
    if (expectedVersion == 0) {
      written = client.insert(LATEST, entry);
    } else {
      written = client.updateCollection(LATEST, new JsonObject().put("_id", key(kind, id))
              .put("version", expectedVersion), new JsonObject().put("$set", without(entry, "_id")))
          .compose(r -> r.getDocMatched() == 1 ? Future.succeededFuture()
              : Future.failedFuture(new StoreConflict(conflict, null)));
    }
    return written.recover(e -> Future.failedFuture(StoreConflict.translate(e, conflict)))
        .compose(v -> client.replaceDocumentsWithOptions(HISTORY, new JsonObject().put("_id", key(kind, id) + "@"
            + version), entry.copy().put("_id", key(kind, id) + "@" + version), new UpdateOptions().setUpsert(true)))
        .compose(v -> durability.commit())
        .map(entry);
  }

  @Override
  public Future<List<JsonObject>> versions(String kind, String id) {
    return client.findWithOptions(HISTORY, new JsonObject().put("kind", kind).put("id", id),
        new FindOptions().setSort(new JsonObject().put("version", -1)).setLimit(1000));
  }

  @Override
  public Future<Optional<JsonObject>> version(String kind, String id, long version) {
    return client.findOne(HISTORY, new JsonObject().put("_id", key(kind, id) + "@" + version), null)
        .map(Optional::ofNullable);
  }

  @Override
  public Future<Void> saveApplied(long revision, JsonObject documentsByKind) {
    return client.replaceDocumentsWithOptions(APPLIED, new JsonObject().put("_id", "applied"),
            new JsonObject().put("_id", "applied").put("revision", revision).put("documents", documentsByKind)
                .put("appliedAt", new JsonObject().put("$date", Instant.now().toString())),
            new UpdateOptions().setUpsert(true))
        .compose(v -> durability.commit());
  }

  @Override
  public Future<Optional<JsonObject>> applied() {
    return client.findOne(APPLIED, new JsonObject().put("_id", "applied"), null).map(Optional::ofNullable);
  }

  private static String key(String kind, String id) {
    return kind + "/" + id;
  }

  private static JsonObject without(JsonObject o, String field) {
    JsonObject copy = o.copy();
    copy.remove(field);
    return copy;
  }
}
