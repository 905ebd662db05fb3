package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import java.util.Optional;

/** {@link Dispositions} on MongoDB. */
final class MongoDispositions implements Dispositions {

  static final String DISPOSITIONS = "dispositions";

  private final MongoClient client;

  MongoDispositions(MongoClient client) {
    this.client = client;
  }

  @Override
  public Future<List<JsonObject>> all() {
    return client.findWithOptions(DISPOSITIONS, new JsonObject(), new FindOptions()
        .setSort(new JsonObject().put("order", 1).put("_id", 1)));
  }

  @Override
  public Future<Optional<JsonObject>> byCode(String code) {
    return client.findOne(DISPOSITIONS, new JsonObject().put("_id", code), null).map(Optional::ofNullable);
  }

  @Override
  public Future<Void> save(JsonObject disposition) {
    return client.replaceDocumentsWithOptions(DISPOSITIONS, new JsonObject().put("_id", disposition.getString("_id")),
        disposition, new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  @Override
  public Future<Boolean> delete(String code) {
    return client.removeDocument(DISPOSITIONS, new JsonObject().put("_id", code))
        .map(result -> result != null && result.getRemovedCount() > 0);
  }
}
