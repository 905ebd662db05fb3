package io.switchboard.server.api;

import io.switchboard.server.config.ReportsConfig;
import io.switchboard.server.routingconfig.RoutingConfigStore;
import io.switchboard.server.store.ReportQuery;
import io.switchboard.server.store.ReportQuery.Dimension;
import io.switchboard.server.store.ReportRow;
import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The reports (docs/api.md, "Reports"): calls with callbacks, their CSV, first-contact resolution, repeat contacts
 * and the accuracy of announced waits. Supervisors and admins only: figures of every agent.
 */
public final class ReportsApi {

  static final String BASE = "/api/reports";
  static final List<String> ROLES = List.of(AgentAccount.SUPERVISOR, AgentAccount.ADMIN);
  private static final Set<Dimension> CALL_DIMENSIONS =
      EnumSet.of(Dimension.TOTAL, Dimension.QUEUE, Dimension.AGENT, Dimension.ENTRY);
  private static final Set<Dimension> FCR_DIMENSIONS =
      EnumSet.of(Dimension.TOTAL, Dimension.LINE, Dimension.QUEUE, Dimension.AGENT, Dimension.ENTRY);
  private static final int MAX_REPEATS = 1000;

  private final Store store;
  private final ApiAuth auth;
  private final ReportsConfig config;
  private final RoutingConfigStore routing;

  private ReportsApi(Store store, Authenticator authenticator, ReportsConfig config, RoutingConfigStore routing) {
    this.store = Objects.requireNonNull(store, "store");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
    this.config = Objects.requireNonNull(config, "config");
    this.routing = Objects.requireNonNull(routing, "routing");
  }

  public static ReportsApi create(Store store, Authenticator authenticator, ReportsConfig config,
      RoutingConfigStore routing) {
    return new ReportsApi(store, authenticator, config, routing);
  }

  public void mount(Router router) {
    router.get(BASE + "/calls").handler(ctx -> answer(ctx, () -> callRows(ctx).map(rows -> envelope(ctx, rows))));
    router.get(BASE + "/calls.csv").handler(ctx -> auth.caller(ctx, ROLES)
        .compose(caller -> {
          char separator = CallsCsv.separator(ctx.queryParams());
          return callRows(ctx).compose(rows -> ReportsCsv.send(ctx, rows, separator));
        })
        .onFailure(e -> ApiResponses.fail(ctx, e)));
    router.get(BASE + "/fcr").handler(ctx -> answer(ctx, () -> fcr(ctx)));
    router.get(BASE + "/repeats").handler(ctx -> answer(ctx, () -> repeats(ctx)));
    router.get(BASE + "/ewt").handler(ctx -> answer(ctx, () -> {
      ReportQuery query = ReportParams.query(ctx.queryParams(), config, Set.of(), CALL_DIMENSIONS, Dimension.QUEUE);
      return store.reports().waitEstimates(query)
          .map(rows -> envelope(ctx, rows.stream().map(ReportsApi::row).toList()));
    }));
  }

  /** Checks the caller first; the body (which may throw a 400 while reading the parameters) only after. */
  private void answer(RoutingContext ctx, Supplier<Future<JsonObject>> body) {
    auth.caller(ctx, ROLES).compose(caller -> body.get())
        .onSuccess(json -> ApiResponses.json(ctx, json))
        .onFailure(e -> ApiResponses.fail(ctx, e));
  }

  /** Calls rows with the callback figures of the same group and period beside them. */
  Future<List<JsonObject>> callRows(RoutingContext ctx) {
    ReportQuery query = ReportParams.query(ctx.queryParams(), config, Set.of("separator"), CALL_DIMENSIONS,
        Dimension.QUEUE);
    return store.reports().calls(query).compose(calls -> store.reports().callbacks(query).map(callbacks -> {
      Map<String, JsonObject> rows = new LinkedHashMap<>();
      for (ReportRow r : calls) {
        rows.put(key(r), row(r));
      }
      for (ReportRow r : callbacks) {
        rows.computeIfAbsent(key(r), k -> row(r)).mergeIn(r.figures());
      }
      for (JsonObject row : rows.values()) {
        for (String f : List.of("callbacksBooked", "callbacksDialled", "callbacksReached")) {
          row.put(f, row.getLong(f, 0L));
        }
      }
      return List.copyOf(rows.values());
    }));
  }

  private Future<JsonObject> fcr(RoutingContext ctx) {
    Duration window = window(ctx);
    ReportQuery query = ReportParams.query(ctx.queryParams(), config, Set.of("windowDays"), FCR_DIMENSIONS,
        Dimension.LINE);
    return queueLines().compose(lines -> store.reports().firstContact(query, window, lines))
        .map(rows -> envelope(ctx, rows.stream().map(ReportsApi::row).toList())
            .put("windowDays", window.toDays()).put("targetPercent", 85));
  }

  private Future<JsonObject> repeats(RoutingContext ctx) {
    Duration window = window(ctx);
    int limit = ReportParams.integer(ctx.queryParams(), "limit", 200, 1, MAX_REPEATS);
    ReportQuery query = ReportParams.query(ctx.queryParams(), config, Set.of("windowDays", "limit"),
        FCR_DIMENSIONS, Dimension.TOTAL);
    return store.reports().repeatContacts(query, window, limit).map(items -> {
      JsonArray out = new JsonArray();
      for (JsonObject item : items) {
        out.add(new JsonObject().put("callId", item.getString("id")).put("from", item.getString("from"))
            .put("at", CallView.date(item.getValue("at"))).put("queue", item.getString("queue"))
            .put("agent", item.getString("agent")).put("agentName", item.getString("agentName"))
            .put("markedResolved", item.getBoolean("fcr", false))
            .put("nextCallId", item.getString("nextId")).put("nextAt", CallView.date(item.getValue("nextAt"))));
      }
      return new JsonObject().put("windowDays", window.toDays()).put("items", out);
    });
  }

  private Duration window(RoutingContext ctx) {
    return Duration.ofDays(ReportParams.integer(ctx.queryParams(), "windowDays", (int) config.fcrWindow().toDays(),
        1, 90));
  }

  /** Each queue's {@code line} as its routing document says (1 when it says nothing). */
  private Future<Map<String, Integer>> queueLines() {
    return routing.entriesByKind().map(kinds -> {
      Map<String, Integer> lines = new LinkedHashMap<>();
      for (JsonObject entry : kinds.getOrDefault("queue", List.of())) {
        JsonObject doc = entry.getJsonObject("doc", new JsonObject());
        lines.put(entry.getString("id"), doc.getValue("line") instanceof Number n ? n.intValue() : 1);
      }
      return lines;
    });
  }

  private JsonObject envelope(RoutingContext ctx, List<JsonObject> rows) {
    return new JsonObject().put("zone", config.zone().getId())
        .put("slSeconds", ReportParams.integer(ctx.queryParams(), "sl", config.serviceLevelSeconds(), 1, 3600))
        .put("rows", new JsonArray(rows));
  }

  private static String key(ReportRow r) {
    return r.group() + "\u0000" + r.period();
  }

  private static JsonObject row(ReportRow r) {
    return new JsonObject().put("group", r.group()).put("period", r.period()).mergeIn(r.figures());
  }
}
