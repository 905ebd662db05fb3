package io.switchboard.server.store;

import static io.switchboard.server.store.Agg.count;
import static io.switchboard.server.store.Agg.op;
import static io.switchboard.server.store.Agg.sum;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Callback requests booked in the range (by {@code requestedAt}), grouped like the calls report: by queue
 * ({@code queueId}), by the agent it is assigned to ({@code assignedTo}), or by the entry point of the call that
 * booked it (looked up in {@code calls} by {@code callId}, only for that dimension). Dialled: at least one attempt
 * made or a status past {@code pending}; reached: {@code done}.
 */
final class CallbackReportPipeline {

  private CallbackReportPipeline() {
  }

  static JsonArray of(ReportQuery q) {
    JsonObject match = new JsonObject()
        .put("requestedAt", new JsonObject().put("$gte", Agg.date(q.from())).put("$lt", Agg.date(q.before())));
    if (q.queueId() != null) {
      match.put("queueId", q.queueId());
    }
    if (q.agentId() != null) {
      match.put("assignedTo", q.agentId());
    }
    JsonArray pipeline = new JsonArray().add(new JsonObject().put("$match", match));
    boolean byEntry = q.by() == ReportQuery.Dimension.ENTRY || q.entry() != null;
    if (byEntry) {
      pipeline.add(new JsonObject().put("$lookup", new JsonObject().put("from", MongoStore.CALLS)
              .put("localField", "callId").put("foreignField", "_id").put("as", "r_call")))
          .add(new JsonObject().put("$addFields", new JsonObject()
              .put("r_to", op("$arrayElemAt", "$r_call.to", 0))));
      if (q.entry() != null) {
        pipeline.add(new JsonObject().put("$match", new JsonObject().put("r_to", q.entry())));
      }
    }
    Object group = switch (q.by()) {
      case TOTAL, LINE -> new JsonObject().put("$literal", null);
      case QUEUE -> "$queueId";
      case AGENT -> "$assignedTo";
      case ENTRY -> "$r_to";
    };
    JsonObject dialled = op("$or", op("$gt", op("$ifNull", "$attempts", 0), 0),
        op("$in", "$status", new JsonArray().add("in_progress").add("done").add("failed")));
    return pipeline
        .add(new JsonObject().put("$group", new JsonObject()
            .put("_id", new JsonObject().put("g", group).put("p", CallReportPipeline.period(q, "$requestedAt")))
            .put("callbacksBooked", sum(1))
            .put("callbacksDialled", count(dialled))
            .put("callbacksReached", count(Agg.eq("$status", "done")))))
        .add(new JsonObject().put("$sort", new JsonObject().put("_id.g", 1).put("_id.p", 1)));
  }
}
