package io.switchboard.server.store;

import static io.switchboard.server.store.Agg.and;
import static io.switchboard.server.store.Agg.eq;
import static io.switchboard.server.store.Agg.op;
import static io.switchboard.server.store.Agg.present;
import static io.switchboard.server.store.Agg.ratio;
import static io.switchboard.server.store.Agg.sum;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * How right the estimated waits callers were told were. Call control writes each spoken announcement into the
 * timeline ({@code {event: "announced", at, position, estimatedWaitSeconds}}, docs/design.md); for every answered
 * call that was told a wait, the first such estimate is compared with what the caller then really waited, from that
 * announcement to the answer. Abandoned calls are left out: how long they would have waited is unknown. Error =
 * real − announced (positive: callers waited longer than they were told).
 */
final class EwtPipeline {

  private EwtPipeline() {
  }

  static JsonArray of(ReportQuery q) {
    JsonObject match = CallReportPipeline.match(q).put("timeline.event", "announced")
        .put("answeredAt", new JsonObject().put("$ne", null));
    return new JsonArray()
        .add(new JsonObject().put("$match", match))
        .add(new JsonObject().put("$addFields", new JsonObject()
            .put("r_a", firstEstimate())))
        .add(new JsonObject().put("$match", new JsonObject().put("r_a.estimatedWaitSeconds",
            new JsonObject().put("$ne", null))))
        .add(new JsonObject().put("$addFields", new JsonObject()
            .put("r_told", "$r_a.estimatedWaitSeconds")
            .put("r_real", op("$divide", op("$subtract", "$answeredAt", new JsonObject().put("$toDate", "$r_a.at")),
                1000))))
        .add(new JsonObject().put("$addFields", new JsonObject()
            .put("r_err", op("$subtract", "$r_real", "$r_told"))))
        .add(new JsonObject().put("$group", new JsonObject()
            .put("_id", new JsonObject()
                .put("g", q.by().field == null ? new JsonObject().put("$literal", null) : "$" + q.by().field)
                .put("p", CallReportPipeline.period(q, "$arrivedAt")))
            .put("announcedCalls", sum(1))
            .put("told", sum("$r_told"))
            .put("real", sum("$r_real"))
            .put("err", sum("$r_err"))
            .put("absErr", sum(new JsonObject().put("$abs", "$r_err")))
            .put("worstUnder", new JsonObject().put("$max", "$r_err"))))
        .add(new JsonObject().put("$project", averages()))
        .add(new JsonObject().put("$sort", new JsonObject().put("_id.g", 1).put("_id.p", 1)));
  }

  /** The record's first spoken estimate: the timeline's first {@code announced} event with a wait, or missing. */
  static JsonObject firstEstimate() {
    JsonObject told = new JsonObject().put("$filter", new JsonObject().put("input", "$timeline").put("as", "e")
        .put("cond", and(eq("$$e.event", "announced"), present("$$e.estimatedWaitSeconds"))));
    return op("$arrayElemAt", told, 0);
  }

  /** The figures of the report from the sums its {@code $group} made (also over roll-ups, {@link RollupPipeline}). */
  static JsonObject averages() {
    return new JsonObject()
        .put("_id", 1).put("announcedCalls", 1).put("worstUnderSeconds", "$worstUnder")
        .put("announcedSeconds", ratio("$told", "$announcedCalls", 1))
        .put("actualSeconds", ratio("$real", "$announcedCalls", 1))
        .put("errorSeconds", ratio("$err", "$announcedCalls", 1))
        .put("absoluteErrorSeconds", ratio("$absErr", "$announcedCalls", 1));
  }
}
