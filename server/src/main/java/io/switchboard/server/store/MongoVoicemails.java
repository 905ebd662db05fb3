package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** {@link Voicemails} on MongoDB. */
final class MongoVoicemails implements Voicemails {

  static final String VOICEMAILS = "voicemails";

  private final MongoClient client;
  private final Durability durability;

  MongoVoicemails(MongoClient client, Durability durability) {
    this.client = client;
    this.durability = durability;
  }

  @Override
  public Future<Void> save(JsonObject voicemail) {
    String id = voicemail.getString("_id");
    if (id == null) {
      return Future.failedFuture(new IllegalArgumentException("a voicemail needs its _id"));
    }
    return client.replaceDocumentsWithOptions(VOICEMAILS, new JsonObject().put("_id", id), voicemail,
            new UpdateOptions().setUpsert(true))
        .compose(v -> durability.commit());
  }

  @Override
  public Future<Optional<JsonObject>> byId(String id) {
    return client.findOne(VOICEMAILS, new JsonObject().put("_id", id), null).map(Optional::ofNullable);
  }

  @Override
  public Future<List<JsonObject>> find(VoicemailQuery query) {
    JsonObject filter = new JsonObject();
    putIf(filter, "status", query.status());
    putIf(filter, "mailbox", query.mailbox());
    putIf(filter, "from", query.from());
    putIf(filter, "customerId", query.customerId());
    if (query.afterId() != null) {
      filter.put("_id", new JsonObject().put("$lt", query.afterId()));
    }
    return client.findWithOptions(VOICEMAILS, filter, new FindOptions()
        .setSort(new JsonObject().put("_id", -1)).setLimit(query.limit()));
  }

  @Override
  public Future<Optional<JsonObject>> setStatus(String id, String status) {
    if (!STATUSES.contains(status)) {
      return Future.failedFuture(new IllegalArgumentException("status must be one of " + STATUSES));
    }
    JsonObject set = new JsonObject().put("status", status).put("updatedAt", now());
    return client.updateCollection(VOICEMAILS, new JsonObject().put("_id", id), new JsonObject().put("$set", set))
        .compose(result -> result.getDocMatched() == 0 ? Future.succeededFuture(Optional.<JsonObject>empty())
            : durability.commit().compose(v -> byId(id)));
  }

  static void putIf(JsonObject filter, String field, Object value) {
    if (value != null) {
      filter.put(field, value);
    }
  }

  static JsonObject now() {
    return new JsonObject().put("$date", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
  }
}
