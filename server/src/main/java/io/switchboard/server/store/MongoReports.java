package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Reports} on MongoDB: each report is one {@code aggregate} command, streamed back row by row. The calls and
 * announced-wait reports read the hourly roll-ups when they can answer the query ({@link RollupPipeline#covers}),
 * after bringing them up to the latest writes, and so do FCR and repeat contacts over the roll-ups' window
 * ({@link FirstContactRollups}); otherwise the call records.
 */
final class MongoReports implements Reports {

  /** {@code -Dswitchboard.reports.rollups=false} reads the records for every report (bench/ compares both ways). */
  static final String ROLLUPS_PROPERTY = "switchboard.reports.rollups";
  private static final Logger LOG = Logger.getLogger(MongoReports.class.getName());

  private final MongoClient client;
  private final CallRollups rollups;

  MongoReports(MongoClient client, CallRollups rollups) {
    this.client = client;
    this.rollups = rollups;
  }

  @Override
  public Future<List<ReportRow>> calls(ReportQuery query) {
    if (fromRollups(query)) {
      return current(() -> rows(RollupPipeline.ROLLUPS, RollupPipeline.calls(query)),
          () -> rows(MongoStore.CALLS, CallReportPipeline.of(query)));
    }
    return rows(MongoStore.CALLS, CallReportPipeline.of(query));
  }

  @Override
  public Future<Void> rebuildRollups() {
    return rollups.rebuildAll();
  }

  /**
   * The report from the roll-ups once they hold every write made so far; from the records if they cannot be brought
   * up to date (the figures are the same, only slower; the marks stay for the next refresh).
   */
  private <T> Future<T> current(Supplier<Future<T>> fromRollups, Supplier<Future<T>> fromRecords) {
    return rollups.refresh().transform(refreshed -> {
      if (refreshed.succeeded()) {
        return fromRollups.get();
      }
      LOG.log(Level.WARNING, "report roll-ups could not be brought up to date; reading the records", refreshed.cause());
      return fromRecords.get();
    });
  }

  private static boolean fromRollups(ReportQuery query) {
    return rollupsOn() && RollupPipeline.covers(query);
  }

  private static boolean rollupsOn() {
    return !"false".equals(System.getProperty(ROLLUPS_PROPERTY));
  }

  @Override
  public Future<List<ReportRow>> callbacks(ReportQuery query) {
    return rows(MongoCallbacks.CALLBACKS, CallbackReportPipeline.of(query));
  }

  @Override
  public Future<List<ReportRow>> firstContact(ReportQuery query, Duration window, Map<String, Integer> lines) {
    if (rollupsOn() && window.equals(CallerNumbers.WINDOW) && RollupPipeline.coversFirstContact(query)) {
      return current(() -> rows(RollupPipeline.ROLLUPS, FirstContactPipeline.fromRollups(query, lines)),
          () -> rows(MongoStore.CALLS, FirstContactPipeline.report(query, window, lines)));
    }
    return rows(MongoStore.CALLS, FirstContactPipeline.report(query, window, lines));
  }

  /** From the hours' lists of repeated contacts for any range and filters, when the window is the roll-ups' own. */
  @Override
  public Future<List<JsonObject>> repeatContacts(ReportQuery query, Duration window, int limit) {
    if (rollupsOn() && window.equals(CallerNumbers.WINDOW)) {
      return current(() -> FirstContactRollups.repeats(client, query, limit),
          () -> aggregate(MongoStore.CALLS, FirstContactPipeline.repeats(query, window, limit)));
    }
    return aggregate(MongoStore.CALLS, FirstContactPipeline.repeats(query, window, limit));
  }

  @Override
  public Future<List<ReportRow>> waitEstimates(ReportQuery query) {
    if (fromRollups(query)) {
      return current(() -> rows(RollupPipeline.ROLLUPS, RollupPipeline.waitEstimates(query)),
          () -> rows(MongoStore.CALLS, EwtPipeline.of(query)));
    }
    return rows(MongoStore.CALLS, EwtPipeline.of(query));
  }

  @Override
  public Future<Void> ensureIndexes() {
    // arrivedAt alone and with queue.id / agent.id exist for the history API; the entry point and callbacks' date
    // are the reports' own.
    return client.createIndex(MongoStore.CALLS, new JsonObject().put("to", 1).put("arrivedAt", -1))
        .compose(v -> client.createIndex(MongoStore.CALLS, new JsonObject().put("from", 1).put("arrivedAt", 1)))
        .compose(v -> client.createIndex(MongoCallbacks.CALLBACKS, new JsonObject().put("requestedAt", 1)))
        .compose(v -> client.createIndex(RollupPipeline.ROLLUPS, new JsonObject().put("cut", 1).put("at", 1)))
        .compose(v -> client.createIndex(RollupPipeline.ROLLUPS, new JsonObject().put("cut", 1).put("k", 1)
            .put("at", 1)));
  }

  private Future<List<ReportRow>> rows(String collection, JsonArray pipeline) {
    return aggregate(collection, pipeline).map(docs -> {
      List<ReportRow> rows = new ArrayList<>(docs.size());
      for (JsonObject doc : docs) {
        JsonObject id = doc.getJsonObject("_id", new JsonObject());
        JsonObject figures = doc.copy();
        figures.remove("_id");
        rows.add(new ReportRow(text(id.getValue("g")), text(id.getValue("p")), figures));
      }
      return rows;
    });
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private Future<List<JsonObject>> aggregate(String collection, JsonArray pipeline) {
    return Agg.results(client, collection, pipeline);
  }
}
