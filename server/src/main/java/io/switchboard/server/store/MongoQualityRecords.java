package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link QualityRecords} on MongoDB. */
final class MongoQualityRecords implements QualityRecords {

  static final String FORMS = "quality_forms";
  static final String EVALUATIONS = "quality_evaluations";

  private final MongoClient client;
  private final Durability durability;

  MongoQualityRecords(MongoClient client, Durability durability) {
    this.client = client;
    this.durability = durability;
  }

  Future<Void> ensureIndexes() {
    return client.createIndex(FORMS, new JsonObject().put("formId", 1).put("version", -1))
        .compose(v -> client.createIndex(EVALUATIONS, new JsonObject().put("agent.id", 1).put("createdAt", -1)))
        .compose(v -> client.createIndex(EVALUATIONS, new JsonObject().put("callId", 1)))
        .compose(v -> client.createIndex(EVALUATIONS, new JsonObject().put("callArrivedAt", 1)));
  }

  @Override
  public Future<List<JsonObject>> latestForms() {
    // Forms are a handful, each with a few versions: the newest of each is picked here rather than by a $group.
    return client.findWithOptions(FORMS, new JsonObject(), new FindOptions()
        .setSort(new JsonObject().put("formId", 1).put("version", -1))).map(all -> {
          Map<String, JsonObject> newest = new LinkedHashMap<>();
          all.forEach(f -> newest.putIfAbsent(f.getString("formId"), f));
          return List.copyOf(newest.values());
        });
  }

  @Override
  public Future<Optional<JsonObject>> latestForm(String formId) {
    return client.findWithOptions(FORMS, new JsonObject().put("formId", formId), new FindOptions()
        .setSort(new JsonObject().put("version", -1)).setLimit(1)).map(found -> found.stream().findFirst());
  }

  @Override
  public Future<Optional<JsonObject>> form(String formId, int version) {
    return client.findOne(FORMS, new JsonObject().put("_id", formId + "@" + version), null)
        .map(Optional::ofNullable);
  }

  @Override
  public Future<Void> insertForm(JsonObject version) {
    return client.insert(FORMS, version)
        .recover(e -> Future.failedFuture(StoreConflict.translate(e, "form " + version.getString("formId")
            + " version " + version.getValue("version") + " was saved by someone else first")))
        .compose(id -> durability.commit());
  }

  @Override
  public Future<Void> insertEvaluation(JsonObject evaluation) {
    return client.insert(EVALUATIONS, evaluation).compose(id -> durability.commit());
  }

  @Override
  public Future<Optional<JsonObject>> evaluation(String id) {
    return client.findOne(EVALUATIONS, new JsonObject().put("_id", id), null).map(Optional::ofNullable);
  }

  @Override
  public Future<List<JsonObject>> evaluations(EvaluationQuery query) {
    JsonObject filter = new JsonObject();
    if (query.agentId() != null) {
      filter.put("agent.id", query.agentId());
    }
    if (query.callId() != null) {
      filter.put("callId", query.callId());
    }
    if (query.status() != null) {
      filter.put("status", query.status());
    }
    return client.findWithOptions(EVALUATIONS, filter, new FindOptions()
        .setSort(new JsonObject().put("createdAt", -1).put("_id", -1)).setLimit(query.limit()));
  }

  @Override
  public Future<Boolean> respond(String id, String status, JsonObject response) {
    // The status in the filter makes the answer a compare-and-set: two answers racing, one wins.
    return client.updateCollection(EVALUATIONS, new JsonObject().put("_id", id).put("status", "new"),
            new JsonObject().put("$set", new JsonObject().put("status", status).put("response", response)))
        .compose(result -> result != null && result.getDocModified() > 0
            ? durability.commit().map(true) : Future.succeededFuture(false));
  }

  @Override
  public Future<List<ReportRow>> scores(ReportQuery q) {
    JsonObject match = new JsonObject()
        .put("callArrivedAt", new JsonObject().put("$gte", Agg.date(q.from())).put("$lt", Agg.date(q.before())))
        .put("score", new JsonObject().put("$ne", null));
    if (q.agentId() != null) {
      match.put("agent.id", q.agentId());
    }
    if (q.queueId() != null) {
      match.put("queue.id", q.queueId());
    }
    JsonArray pipeline = new JsonArray()
        .add(new JsonObject().put("$match", match))
        .add(new JsonObject().put("$group", new JsonObject()
            .put("_id", new JsonObject()
                .put("g", q.by().field == null ? new JsonObject().put("$literal", null) : "$" + q.by().field)
                .put("p", CallReportPipeline.period(q, "$callArrivedAt")))
            .put("name", new JsonObject().put("$first", q.by() == ReportQuery.Dimension.AGENT ? "$agent.name"
                : q.by() == ReportQuery.Dimension.QUEUE ? "$queue.name" : new JsonObject().put("$literal", null)))
            .put("evaluations", Agg.sum(1))
            .put("averageScore", new JsonObject().put("$avg", "$score"))
            .put("minScore", new JsonObject().put("$min", "$score"))
            .put("maxScore", new JsonObject().put("$max", "$score"))
            .put("criticalFailures", Agg.count(Agg.eq("$zeroed", true)))
            .put("disputed", Agg.count(Agg.eq("$status", "disputed")))))
        .add(new JsonObject().put("$sort", new JsonObject().put("_id.g", 1).put("_id.p", 1)));
    Promise<List<ReportRow>> done = Promise.promise();
    List<ReportRow> rows = new ArrayList<>();
    client.aggregate(EVALUATIONS, pipeline)
        .exceptionHandler(done::tryFail)
        .endHandler(v -> done.tryComplete(rows))
        .handler(doc -> {
          JsonObject id = doc.getJsonObject("_id", new JsonObject());
          JsonObject figures = doc.copy();
          figures.remove("_id");
          Object average = figures.getValue("averageScore");
          if (average instanceof Number n) {
            figures.put("averageScore", Math.round(n.doubleValue() * 10) / 10.0);
          }
          rows.add(new ReportRow(text(id.getValue("g")), text(id.getValue("p")), figures));
        });
    return done.future();
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
