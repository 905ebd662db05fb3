package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** {@link Incidents} on MongoDB. */
final class MongoIncidents implements Incidents {

  static final String INCIDENTS = "incidents";

  private final MongoClient client;

  MongoIncidents(MongoClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> insert(JsonObject incident) {
    return client.insert(INCIDENTS, incident).mapEmpty();
  }

  @Override
  public Future<Optional<JsonObject>> byId(String id) {
    return client.findOne(INCIDENTS, new JsonObject().put("_id", id), null).map(Optional::ofNullable);
  }

  @Override
  public Future<Optional<JsonObject>> update(String id, JsonObject changes, JsonArray linkCallIds,
      JsonObject note) {
    JsonObject update = new JsonObject().put("$set", changes.copy()
        .put("updatedAt", new JsonObject().put("$date", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())));
    if (linkCallIds != null && !linkCallIds.isEmpty()) {
      update.put("$addToSet", new JsonObject().put("callIds", new JsonObject().put("$each", linkCallIds)));
    }
    if (note != null) {
      update.put("$push", new JsonObject().put("notes", note));
    }
    return client.updateCollectionWithOptions(INCIDENTS, new JsonObject().put("_id", id), update,
            new UpdateOptions().setUpsert(false))
        .compose(result -> result.getDocMatched() == 0 ? Future.succeededFuture(Optional.empty()) : byId(id));
  }

  @Override
  public Future<Optional<JsonObject>> createdInWrapUpOf(String callId) {
    // callIds is indexed; wrapUpOf then picks the one among that call's incidents.
    return client.findOne(INCIDENTS, new JsonObject().put("callIds", callId).put("wrapUpOf", callId), null)
        .map(Optional::ofNullable);
  }

  @Override
  public Future<List<JsonObject>> find(String customerId, String status, Integer priority, String afterId,
      int limit) {
    JsonObject filter = new JsonObject();
    if (customerId != null) {
      filter.put("customerId", customerId);
    }
    if (status != null) {
      filter.put("status", status);
    }
    if (priority != null) {
      filter.put("priority", priority);
    }
    if (afterId != null) {
      filter.put("_id", new JsonObject().put("$lt", afterId));
    }
    return client.findWithOptions(INCIDENTS, filter, new FindOptions()
        .setSort(new JsonObject().put("_id", -1)).setLimit(limit));
  }

  @Override
  public Future<List<JsonObject>> openFor(String customerId) {
    JsonObject filter = new JsonObject().put("customerId", customerId)
        .put("status", new JsonObject().put("$in", new JsonArray(OPEN_STATUSES)));
    return client.findWithOptions(INCIDENTS, filter, new FindOptions()
        .setSort(new JsonObject().put("priority", 1).put("_id", -1)).setLimit(50));
  }
}
