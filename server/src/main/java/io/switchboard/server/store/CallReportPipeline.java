package io.switchboard.server.store;

import static io.switchboard.server.store.Agg.and;
import static io.switchboard.server.store.Agg.cond;
import static io.switchboard.server.store.Agg.count;
import static io.switchboard.server.store.Agg.eq;
import static io.switchboard.server.store.Agg.op;
import static io.switchboard.server.store.Agg.present;
import static io.switchboard.server.store.Agg.ratio;
import static io.switchboard.server.store.Agg.sum;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The calls report as one aggregation pipeline over {@code calls}: match the range and filters (on the indexed
 * {@code arrivedAt}, {@code queue.id}, {@code agent.id}, {@code to}), derive each call's wait and handle time, group
 * by dimension and period, then turn sums into rates. Definitions (docs/api.md, "Reports"):
 * <ul>
 * <li>offered: reached a queue ({@code queuedAt}); answered: {@code answeredAt}; abandoned: the caller hung up
 *     while queued ({@code outcome: "abandoned"} with {@code queuedAt});</li>
 * <li>wait: from {@code queuedAt} (else {@code arrivedAt}) to the answer, or to the hang-up for an abandon;</li>
 * <li>service level as Asterisk's {@code ServicelevelPerf2}: answered within the threshold ÷ (answered + abandoned
 *     after the threshold); {@code serviceLevelAnswered}: answered within ÷ answered ({@code ServicelevelPerf});</li>
 * <li>AHT: connected time (talk + hold, answer to end) + wrap-up (the agent's own wrap-up form, saved at most
 *     {@value #MAX_WRAP_UP_MS} ms after the end; later edits are corrections, not work on the call).</li>
 * </ul>
 */
final class CallReportPipeline {

  static final long MAX_WRAP_UP_MS = 1_800_000;

  private CallReportPipeline() {
  }

  static JsonArray of(ReportQuery q) {
    long slMs = q.slSeconds() * 1000L;
    long shortMs = q.shortAbandonSeconds() * 1000L;
    return new JsonArray()
        .add(new JsonObject().put("$match", match(q)))
        .add(new JsonObject().put("$addFields", new JsonObject()
            .put("r_g", q.by().field == null ? new JsonObject().put("$literal", null) : "$" + q.by().field)
            .put("r_p", period(q, "$arrivedAt"))
            .put("r_start", op("$ifNull", "$queuedAt", "$arrivedAt"))
            .put("r_queued", present("$queuedAt"))
            .put("r_answered", present("$answeredAt"))
            .put("r_abandoned", and(eq("$outcome", "abandoned"), present("$queuedAt")))))
        .add(new JsonObject().put("$addFields", new JsonObject()
            .put("r_wait", cond("$r_answered", op("$subtract", "$answeredAt", "$r_start"),
                cond("$r_abandoned", op("$subtract", "$endedAt", "$r_start"), null)))
            .put("r_connected", cond(and("$r_answered", present("$endedAt")),
                op("$subtract", "$endedAt", "$answeredAt"), 0))
            .put("r_wrap", cond(and("$r_answered", present("$endedAt"), present("$wrapUp.at"),
                    eq("$wrapUp.by.id", "$agent.id")),
                op("$min", op("$max", op("$subtract", "$wrapUp.at", "$endedAt"), 0), MAX_WRAP_UP_MS), 0))))
        .add(new JsonObject().put("$group", group(slMs, shortMs).put("name", new JsonObject().put("$first",
            switch (q.by()) {
              case QUEUE -> "$queue.name";
              case AGENT -> "$agent.name";
              default -> new JsonObject().put("$literal", null);
            }))))
        .add(new JsonObject().put("$project", rates()))
        .add(new JsonObject().put("$sort", new JsonObject().put("_id.g", 1).put("_id.p", 1)));
  }

  /** The range and filters, each on an indexed field; records of calls still up are left out. */
  static JsonObject match(ReportQuery q) {
    JsonObject match = new JsonObject()
        .put("arrivedAt", new JsonObject().put("$gte", Agg.date(q.from())).put("$lt", Agg.date(q.before())))
        .put("outcome", new JsonObject().put("$ne", MongoStore.IN_PROGRESS));
    if (q.queueId() != null) {
      match.put("queue.id", q.queueId());
    }
    if (q.agentId() != null) {
      match.put("agent.id", q.agentId());
    }
    if (q.entry() != null) {
      match.put("to", q.entry());
    }
    return match;
  }

  /** The row's period of {@code date} in the hotline's zone, or null for one period over the whole range. */
  static Object period(ReportQuery q, String date) {
    if (q.granularity().format == null) {
      return new JsonObject().put("$literal", null);
    }
    return new JsonObject().put("$dateToString", new JsonObject().put("format", q.granularity().format)
        .put("date", date).put("timezone", q.zone().getId()));
  }

  private static JsonObject group(long slMs, long shortMs) {
    JsonObject g = new JsonObject()
        .put("_id", new JsonObject().put("g", "$r_g").put("p", "$r_p"))
        .put("calls", sum(1))
        .put("offered", count("$r_queued"))
        .put("answered", count("$r_answered"))
        .put("abandoned", count("$r_abandoned"))
        .put("abandonedShort", count(and("$r_abandoned", op("$lte", "$r_wait", shortMs))))
        .put("answeredInSl", count(and("$r_answered", op("$lte", "$r_wait", slMs))))
        .put("abandonedAfterSl", count(and("$r_abandoned", op("$gt", "$r_wait", slMs))))
        .put("waitAnsweredMs", sum(cond("$r_answered", "$r_wait", 0)))
        .put("longestWaitMs", new JsonObject().put("$max", "$r_wait"))
        .put("connectedMs", sum("$r_connected"))
        .put("wrapUpMs", sum("$r_wrap"))
        .put("holdSeconds", sum(op("$ifNull", "$holdSeconds", 0)))
        .put("voicemails", count(present("$voicemailId")))
        .put("csatCount", count(present("$csat.score")))
        .put("csatSum", sum(op("$ifNull", "$csat.score", 0)))
        .put("transfers", sum(cond(op("$isArray", "$transfers"), op("$size", "$transfers"),
            op("$ifNull", "$transfers", 0))))
        .put("fcrMarked", count(eq("$wrapUp.firstContactResolution", true)));
    for (int score = 1; score <= 5; score++) {
      g.put("csat" + score, count(eq("$csat.score", score)));
    }
    return g;
  }

  private static JsonObject rates() {
    JsonObject p = new JsonObject().put("_id", 1).put("name", 1);
    for (String kept : new String[] {"calls", "offered", "answered", "abandoned", "abandonedShort", "answeredInSl",
        "abandonedAfterSl", "voicemails", "csatCount", "transfers", "fcrMarked", "csat1", "csat2", "csat3", "csat4",
        "csat5"}) {
      p.put(kept, 1);
    }
    return p
        .put("serviceLevel", ratio("$answeredInSl", op("$add", "$answered", "$abandonedAfterSl"), 100))
        .put("serviceLevelAnswered", ratio("$answeredInSl", "$answered", 100))
        .put("abandonRate", ratio("$abandoned", "$offered", 100))
        .put("asaSeconds", ratio("$waitAnsweredMs", "$answered", 0.001))
        .put("ahtSeconds", ratio(op("$add", "$connectedMs", "$wrapUpMs"), "$answered", 0.001))
        .put("talkSeconds", ratio("$connectedMs", "$answered", 0.001))
        .put("holdSeconds", ratio("$holdSeconds", "$answered", 1))
        .put("wrapUpSeconds", ratio("$wrapUpMs", "$answered", 0.001))
        .put("longestWaitSeconds", op("$divide", op("$ifNull", "$longestWaitMs", 0), 1000))
        .put("csatAverage", ratio("$csatSum", "$csatCount", 1));
  }
}
