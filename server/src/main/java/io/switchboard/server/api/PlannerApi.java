package io.switchboard.server.api;

import io.switchboard.server.config.ReportsConfig;
import io.switchboard.server.planner.CapacityPlanner;
import io.switchboard.server.planner.HourPlan;
import io.switchboard.server.planner.StaffingTarget;
import io.switchboard.server.store.ReportQuery;
import io.switchboard.server.store.ReportQuery.Dimension;
import io.switchboard.server.store.ReportQuery.Granularity;
import io.switchboard.server.store.ReportRow;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /api/planner} (docs/api.md, "Capacity planner"): agents and lines per hour of the day for a service
 * level target. The load is either measured, the calls offered in each hour of the day over a range of days (their
 * average per day) with that hour's AHT, or typed in ({@code callsPerHour} and {@code ahtSeconds}) for one hour.
 * Supervisors and admins.
 */
public final class PlannerApi {

  static final String PATH = "/api/planner";
  private static final Set<String> TARGET = Set.of("targetSl", "threshold", "targetAsa", "maxOccupancy",
      "headroom", "maxBlocking");
  private static final Set<String> TYPED = Set.of("callsPerHour", "ahtSeconds", "lineSeconds");
  /** A typed plan without an AHT, or an hour without answered calls, plans with the usual three minutes. */
  private static final double DEFAULT_AHT = 180;

  private final Store store;
  private final ApiAuth auth;
  private final ReportsConfig config;

  private PlannerApi(Store store, Authenticator authenticator, ReportsConfig config) {
    this.store = Objects.requireNonNull(store, "store");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
    this.config = Objects.requireNonNull(config, "config");
  }

  public static PlannerApi create(Store store, Authenticator authenticator, ReportsConfig config) {
    return new PlannerApi(store, authenticator, config);
  }

  public void mount(Router router) {
    router.get(PATH).handler(ctx -> auth.caller(ctx, ReportsApi.ROLES)
        .compose(caller -> plan(ctx))
        .onSuccess(json -> ApiResponses.json(ctx, json))
        .onFailure(e -> ApiResponses.fail(ctx, e)));
  }

  private Future<JsonObject> plan(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    StaffingTarget target = target(params);
    CapacityPlanner planner = new CapacityPlanner(target);
    JsonObject targetJson = new JsonObject().put("serviceLevel", target.serviceLevel() * 100)
        .put("thresholdSeconds", target.thresholdSeconds()).put("maxAsaSeconds", target.maxAsaSeconds())
        .put("maxOccupancy", target.maxOccupancy() * 100).put("lineHeadroom", target.lineHeadroom())
        .put("maxBlocking", target.maxBlocking() * 100);
    if (params.contains("callsPerHour")) {
      for (String name : params.names()) {
        if (!TARGET.contains(name) && !TYPED.contains(name)) {
          throw ApiProblem.badRequest("unknown parameter " + CallFilter.quoted(name) + " with callsPerHour");
        }
      }
      double calls = ReportParams.decimal(params, "callsPerHour", 0, 0, 1_000_000);
      double aht = ReportParams.decimal(params, "ahtSeconds", DEFAULT_AHT, 1, 86_400);
      double line = ReportParams.decimal(params, "lineSeconds", aht, 1, 86_400);
      JsonArray hours = new JsonArray().add(hour(null, planner.plan(calls, aht, line), 0));
      return Future.succeededFuture(new JsonObject().put("source", "typed").put("target", targetJson)
          .put("hours", hours));
    }
    Set<String> extra = new java.util.HashSet<>(TARGET);
    extra.add("ahtSeconds");
    ReportQuery asked = ReportParams.query(params, config, extra, EnumSet.allOf(Dimension.class), Dimension.TOTAL);
    ReportQuery query = new ReportQuery(asked.from(), asked.before(), asked.zone(), Dimension.TOTAL,
        Granularity.HOUR_OF_DAY, asked.queueId(), asked.agentId(), asked.entry(), asked.slSeconds(), 5);
    long days = ChronoUnit.DAYS.between(query.from().atZone(query.zone()).toLocalDate(),
        query.before().atZone(query.zone()).toLocalDate());
    double fallbackAht = ReportParams.decimal(params, "ahtSeconds", DEFAULT_AHT, 1, 86_400);
    return store.reports().calls(query).map(rows -> {
      Map<String, JsonObject> byHour = new HashMap<>();
      rows.forEach((ReportRow r) -> byHour.put(r.period(), r.figures()));
      JsonArray hours = new JsonArray();
      JsonObject peak = null;
      for (int h = 0; h < 24; h++) {
        String label = String.format("%02d", h);
        JsonObject f = byHour.getOrDefault(label, new JsonObject());
        long offered = f.getLong("offered", 0L);
        double aht = number(f.getValue("ahtSeconds"), fallbackAht);
        double line = number(f.getValue("talkSeconds"), aht);
        JsonObject hour = hour(label, planner.plan((double) offered / days, aht, line), offered);
        hours.add(hour);
        if (peak == null || hour.getInteger("agents") > peak.getInteger("agents")) {
          peak = hour;
        }
      }
      return new JsonObject().put("source", "measured").put("zone", query.zone().getId()).put("days", days)
          .put("target", targetJson).put("hours", hours)
          .put("peak", new JsonObject().put("hour", peak.getString("hour")).put("agents", peak.getInteger("agents"))
              .put("lines", peak.getInteger("lines")));
    });
  }

  private StaffingTarget target(MultiMap params) {
    try {
      return new StaffingTarget(
          ReportParams.decimal(params, "targetSl", 80, 1, 99.9) / 100,
          ReportParams.integer(params, "threshold", config.serviceLevelSeconds(), 1, 3600),
          ReportParams.integer(params, "targetAsa", 0, 0, 3600),
          ReportParams.decimal(params, "maxOccupancy", 100, 1, 100) / 100,
          ReportParams.decimal(params, "headroom", 1.5, 1, 10),
          ReportParams.decimal(params, "maxBlocking", 1, 0.01, 50) / 100);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
  }

  private static double number(Object value, double otherwise) {
    return value instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : otherwise;
  }

  private static JsonObject hour(String label, HourPlan p, long offered) {
    return new JsonObject().put("hour", label).put("offered", offered)
        .put("callsPerHour", p.callsPerHour()).put("ahtSeconds", p.ahtSeconds()).put("erlangs", p.erlangs())
        .put("agents", p.agents()).put("serviceLevel", p.serviceLevel() * 100)
        .put("waitProbability", p.waitProbability() * 100).put("asaSeconds", p.asaSeconds())
        .put("occupancy", p.occupancy() * 100).put("lines", p.lines()).put("lineErlangs", p.lineErlangs())
        .put("lineBlocking", p.lineBlocking() * 100).put("linesForBlocking", p.linesForBlocking());
  }
}
