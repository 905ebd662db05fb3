package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import java.util.Optional;

/**
 * {@link Callbacks} on MongoDB. The one-open-request-per-number rule is the unique index on {@code openKey} (see
 * {@link Migrations}): the number while the request is open, its own id once it is closed. Every document has the
 * field, so the index needs neither a partial filter nor sparseness, which mongo-java-server does not enforce.
 */
final class MongoCallbacks implements Callbacks {

  static final String CALLBACKS = "callbacks";
  static final String OPEN_KEY = "openKey";
  private static final String CONFLICT = "the number already has an open callback";

  private final MongoClient client;
  private final Durability durability;

  MongoCallbacks(MongoClient client, Durability durability) {
    this.client = client;
    this.durability = durability;
  }

  @Override
  public Future<Boolean> bookIfNone(JsonObject request) {
    JsonObject document;
    try {
      document = keyed(request);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return client.insert(CALLBACKS, document)
        .compose(id -> durability.commit().map(true))
        .recover(e -> StoreConflict.translate(e, CONFLICT) instanceof StoreConflict
            ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  @Override
  public Future<Void> save(JsonObject request) {
    JsonObject document;
    try {
      document = keyed(request);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return client.replaceDocumentsWithOptions(CALLBACKS, new JsonObject().put("_id", document.getString("_id")),
            document, new UpdateOptions().setUpsert(true))
        .recover(e -> Future.failedFuture(StoreConflict.translate(e, CONFLICT)))
        .compose(v -> durability.commit());
  }

  @Override
  public Future<Optional<JsonObject>> byId(String id) {
    return client.findOne(CALLBACKS, new JsonObject().put("_id", id), null).map(found -> Optional.ofNullable(found)
        .map(MongoCallbacks::unkeyed));
  }

  @Override
  public Future<Optional<JsonObject>> openFor(String e164) {
    return client.findOne(CALLBACKS, new JsonObject().put(OPEN_KEY, e164), null)
        .map(found -> Optional.ofNullable(found).map(MongoCallbacks::unkeyed));
  }

  @Override
  public Future<List<JsonObject>> find(CallbackQuery query) {
    JsonObject filter = new JsonObject();
    MongoVoicemails.putIf(filter, "status", query.status());
    MongoVoicemails.putIf(filter, "queueId", query.queueId());
    MongoVoicemails.putIf(filter, "number", query.number());
    MongoVoicemails.putIf(filter, "assignedTo", query.assignedTo());
    // Oldest request first (requestedAt, then _id for requests of the same instant); the page cursor is the last
    // id, turned into its (requestedAt, _id) position.
    Future<JsonObject> cursor = query.afterId() == null ? Future.succeededFuture(null)
        : client.findOne(CALLBACKS, new JsonObject().put("_id", query.afterId()),
            new JsonObject().put("requestedAt", 1));
    return cursor.compose(after -> {
      if (after != null && after.getValue("requestedAt") != null) {
        Object at = after.getValue("requestedAt");
        filter.put("$or", new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("requestedAt", new JsonObject().put("$gt", at)))
            .add(new JsonObject().put("requestedAt", at).put("_id", new JsonObject().put("$gt", query.afterId()))));
      } else if (query.afterId() != null) {
        filter.put("_id", new JsonObject().put("$gt", query.afterId()));
      }
      return client.findWithOptions(CALLBACKS, filter, new FindOptions()
              .setSort(new JsonObject().put("requestedAt", 1).put("_id", 1)).setLimit(query.limit()))
          .map(found -> found.stream().map(MongoCallbacks::unkeyed).toList());
    });
  }

  @Override
  public Future<Optional<JsonObject>> update(String id, JsonObject changes) {
    String status = changes.getString("status");
    if (status != null && !STATUSES.contains(status)) {
      return Future.failedFuture(new IllegalArgumentException("status must be one of " + STATUSES));
    }
    return client.findOne(CALLBACKS, new JsonObject().put("_id", id), null).compose(found -> {
      if (found == null) {
        return Future.succeededFuture(Optional.<JsonObject>empty());
      }
      JsonObject set = changes.copy().put("updatedAt", MongoVoicemails.now());
      set.remove("_id");
      set.remove(OPEN_KEY);
      set.remove("number"); // the key is derived from it; a request is for one number for life
      String after = status == null ? found.getString("status") : status;
      set.put(OPEN_KEY, OPEN_STATUSES.contains(after) ? found.getString("number") : id);
      return client.updateCollection(CALLBACKS, new JsonObject().put("_id", id), new JsonObject().put("$set", set))
          .recover(e -> Future.failedFuture(StoreConflict.translate(e, CONFLICT)))
          .compose(v -> durability.commit())
          .compose(v -> byId(id));
    });
  }

  /** The document as stored: the request with its {@code openKey}. */
  private static JsonObject keyed(JsonObject request) {
    String id = request.getString("_id");
    String number = request.getString("number");
    String status = request.getString("status");
    if (id == null || number == null || status == null) {
      throw new IllegalArgumentException("a callback request needs _id, number and status");
    }
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException("status must be one of " + STATUSES);
    }
    return request.copy().put(OPEN_KEY, OPEN_STATUSES.contains(status) ? number : id);
  }

  private static JsonObject unkeyed(JsonObject document) {
    document.remove(OPEN_KEY);
    return document;
  }
}
