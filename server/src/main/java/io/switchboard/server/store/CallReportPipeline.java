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
  static final String LONGEST = "longestWaitMs";

  private CallReportPipeline() {
  }

  static JsonArray of(ReportQuery q) {
    long slMs = q.slSeconds() * 1000L;
    long shortMs = q.shortAbandonSeconds() * 1000L;
    return new JsonArray()
        .add(new JsonObject().put("$match", match(q)))
        .add(new JsonObject().put("$project", facts(q)))
        .add(new JsonObject().put("$group", group(slMs, shortMs)))
        .add(new JsonObject().put("$project", rates()))
        .add(new JsonObject().put("$sort", new JsonObject().put("_id.g", 1).put("_id.p", 1)));
  }

  /**
   * Each call reduced to the few numbers the groups add up, in one {@code $project}: a small new document instead
   * of the record with its timeline (the embedded server copies the whole document at every {@code $addFields}).
   * Flags are 0/1 so the group sums fields rather than evaluating conditions.
   */
  private static JsonObject facts(ReportQuery q) {
    return new JsonObject()
        .put("_id", 0)
        .put("g", q.by().field == null ? new JsonObject().put("$literal", null) : "$" + q.by().field)
        .put("p", period(q, "$arrivedAt"))
        .put("name", switch (q.by()) {
          case QUEUE -> "$queue.name";
          case AGENT -> "$agent.name";
          default -> new JsonObject().put("$literal", null);
        })
        .mergeIn(figures());
  }

  /** The per-call numbers of {@link #facts} that do not depend on the row's dimension (also the roll-ups' input). */
  static JsonObject figures() {
    JsonObject answered = present("$answeredAt");
    JsonObject abandoned = and(eq("$outcome", "abandoned"), present("$queuedAt"));
    JsonObject start = op("$ifNull", "$queuedAt", "$arrivedAt");
    return new JsonObject()
        .put("q", cond(present("$queuedAt"), 1, 0))
        .put("a", cond(answered, 1, 0))
        .put("ab", cond(abandoned, 1, 0))
        .put("w", cond(answered, op("$subtract", "$answeredAt", start),
            cond(abandoned, op("$subtract", "$endedAt", start), null)))
        .put("c", cond(and(answered, present("$endedAt")), op("$subtract", "$endedAt", "$answeredAt"), 0))
        .put("wu", cond(and(answered, present("$endedAt"), present("$wrapUp.at"), eq("$wrapUp.by.id", "$agent.id")),
            op("$min", op("$max", op("$subtract", "$wrapUp.at", "$endedAt"), 0), MAX_WRAP_UP_MS), 0))
        .put("h", op("$ifNull", "$holdSeconds", 0))
        .put("vm", cond(present("$voicemailId"), 1, 0))
        .put("cs", op("$ifNull", "$csat.score", 0))
        .put("tr", cond(op("$isArray", "$transfers"), op("$size", "$transfers"), op("$ifNull", "$transfers", 0)))
        .put("fcr", cond(eq("$wrapUp.firstContactResolution", true), 1, 0));
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
    return new JsonObject()
        .put("_id", new JsonObject().put("g", "$g").put("p", "$p"))
        .put("name", new JsonObject().put("$first", "$name"))
        .mergeIn(sums())
        .put("abandonedShort", count(and(eq("$ab", 1), op("$lte", "$w", shortMs))))
        .put("answeredInSl", count(and(eq("$a", 1), op("$lte", "$w", slMs))))
        .put("abandonedAfterSl", count(and(eq("$ab", 1), op("$gt", "$w", slMs))));
  }

  /**
   * The accumulators of the figures that add up whatever the thresholds (everything but the service level's and
   * short abandons' counts): summed again across hours by the roll-ups ({@link RollupPipeline}), except
   * {@value #LONGEST} which is a maximum.
   */
  static JsonObject sums() {
    JsonObject g = new JsonObject()
        .put("calls", sum(1))
        .put("offered", sum("$q"))
        .put("answered", sum("$a"))
        .put("abandoned", sum("$ab"))
        .put("waitAnsweredMs", sum(op("$multiply", "$a", op("$ifNull", "$w", 0))))
        .put(LONGEST, new JsonObject().put("$max", "$w"))
        .put("connectedMs", sum("$c"))
        .put("wrapUpMs", sum("$wu"))
        .put("holdSeconds", sum("$h"))
        .put("voicemails", sum("$vm"))
        .put("csatCount", count(op("$gt", "$cs", 0)))
        .put("csatSum", sum("$cs"))
        .put("transfers", sum("$tr"))
        .put("fcrMarked", sum("$fcr"));
    for (int score = 1; score <= 5; score++) {
      g.put("csat" + score, count(eq("$cs", score)));
    }
    return g;
  }

  static JsonObject rates() {
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
