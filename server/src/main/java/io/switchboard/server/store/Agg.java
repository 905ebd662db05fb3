package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregation expressions as JSON, so a pipeline reads close to what MongoDB's manual prints. Only operators that
 * mongo-java-server 1.47 and MongoDB ≥ 4.4 both evaluate the same way (checked against both; see docs/api.md).
 */
final class Agg {

  private Agg() {
  }

  /** Runs a pipeline and collects its documents: for pipelines whose answer is small (grouped rows, one page). */
  static Future<List<JsonObject>> results(MongoClient client, String collection, JsonArray pipeline) {
    Promise<List<JsonObject>> done = Promise.promise();
    List<JsonObject> out = new ArrayList<>();
    client.aggregate(collection, pipeline)
        .exceptionHandler(done::tryFail)
        .endHandler(v -> done.tryComplete(out))
        .handler(out::add);
    return done.future();
  }

  /** {@code {"$op": [args…]}}. */
  static JsonObject op(String op, Object... args) {
    JsonArray list = new JsonArray();
    for (Object a : args) {
      list.add(a);
    }
    return new JsonObject().put(op, list);
  }

  static JsonObject cond(Object test, Object then, Object otherwise) {
    return op("$cond", test, then, otherwise);
  }

  /** 1 when {@code test} holds, else 0: summed, a count. */
  static JsonObject count(Object test) {
    return new JsonObject().put("$sum", cond(test, 1, 0));
  }

  static JsonObject sum(Object value) {
    return new JsonObject().put("$sum", value);
  }

  /** True when the field exists and is not null (a missing field and null are the same to a report). */
  static JsonObject present(String path) {
    return op("$ne", op("$ifNull", path, null), null);
  }

  static JsonObject and(Object... tests) {
    return op("$and", tests);
  }

  static JsonObject eq(Object a, Object b) {
    return op("$eq", a, b);
  }

  /** {@code a / b}, or null when {@code b} is 0 (no calls: no average, not zero). */
  static JsonObject ratio(Object a, Object b, double scale) {
    return cond(op("$gt", b, 0), op("$multiply", op("$divide", a, b), scale), null);
  }

  static JsonObject date(java.time.Instant instant) {
    return new JsonObject().put("$date", instant.toString());
  }
}
