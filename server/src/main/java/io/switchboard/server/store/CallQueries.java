package io.switchboard.server.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** {@link CallQuery} as a MongoDB filter on the {@code calls} collection. */
final class CallQueries {

  private CallQueries() {
  }

  static JsonObject filter(CallQuery query) {
    JsonArray all = new JsonArray();
    JsonObject arrived = new JsonObject();
    if (query.arrivedFrom() != null) {
      arrived.put("$gte", date(query.arrivedFrom()));
    }
    if (query.arrivedBefore() != null) {
      arrived.put("$lt", date(query.arrivedBefore()));
    }
    if (!arrived.isEmpty()) {
      all.add(new JsonObject().put("arrivedAt", arrived));
    }
    if (query.queueId() != null) {
      all.add(new JsonObject().put("queue.id", query.queueId()));
    }
    if (query.agentId() != null) {
      all.add(new JsonObject().put("agent.id", query.agentId()));
    }
    if (query.outcome() != null) {
      all.add(new JsonObject().put("outcome", query.outcome()));
    }
    if (query.number() != null) {
      all.add(new JsonObject().put("$or", new JsonArray()
          .add(new JsonObject().put("from", query.number()))
          .add(new JsonObject().put("to", query.number()))));
    }
    if (query.afterArrivedAt() != null) {
      // Keyset pagination: strictly after the last record of the previous page in (arrivedAt, _id) descending order.
      all.add(new JsonObject().put("$or", new JsonArray()
          .add(new JsonObject().put("arrivedAt", new JsonObject().put("$lt", date(query.afterArrivedAt()))))
          .add(new JsonObject().put("arrivedAt", date(query.afterArrivedAt()))
              .put("_id", new JsonObject().put("$lt", query.afterId())))));
    }
    return all.isEmpty() ? new JsonObject() : new JsonObject().put("$and", all);
  }

  private static JsonObject date(Instant instant) {
    return new JsonObject().put("$date", instant.toString());
  }
}
