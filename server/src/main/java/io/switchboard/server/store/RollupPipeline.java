package io.switchboard.server.store;

import static io.switchboard.server.store.Agg.and;
import static io.switchboard.server.store.Agg.cond;
import static io.switchboard.server.store.Agg.eq;
import static io.switchboard.server.store.Agg.op;
import static io.switchboard.server.store.Agg.present;
import static io.switchboard.server.store.Agg.sum;

import io.switchboard.server.store.ReportQuery.Dimension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.util.Collection;
import java.util.List;

/**
 * The calls and announced-wait reports over hourly roll-ups instead of every call record (docs/api.md, "Roll-ups").
 * One {@value #ROLLUPS} document per UTC hour, cut (the whole hour, a queue, an agent, an entry point) and group of
 * that cut holds the sums of {@link CallReportPipeline#sums()} and the EWT sums, computed by the same per-call
 * expressions as the record pipelines; the waits of answered and abandoned calls are kept as lists, so the service
 * level and short abandons are counted against the query's own thresholds exactly as the record pipeline compares
 * them. A group per document, not an array per hour: the embedded server's {@code $unwind} deep-copies the whole
 * document for every element, which made an hour's 40 agents cost 40² copies.
 */
final class RollupPipeline {

  static final String ROLLUPS = "call_rollups";
  /** Which calls arrived in each UTC hour ({@code {_id: "2026-11-01T10", calls: [ids]}}): a roll-up's inputs. */
  static final String HOURS = "call_hours";
  /** The hour of a date as the roll-ups name it (UTC); {@link CallRollups#hourKey} writes the same. */
  static final String HOUR_FORMAT = "%Y-%m-%dT%H";
  static final List<String> CUTS = List.of("total", "queue", "agent", "entry");

  private RollupPipeline() {
  }

  /**
   * Whether the roll-ups answer {@code q} with the raw pipeline's figures: the range starts and ends on UTC hours,
   * the zone's offset is whole hours throughout (each UTC hour then lies in one local hour, day and week), and the
   * rows are cut by the one dimension that is filtered, if any (a queue's agents would need a cut per pair).
   */
  static boolean covers(ReportQuery q) {
    return q.by() != Dimension.LINE && coversHours(q);
  }

  /**
   * Whether the FCR report can be read from the roll-ups: as {@link #covers}, and the rows by line with no filter
   * (the queue cut, each queue put on its line as the report runs, so a changed line takes effect at once).
   */
  static boolean coversFirstContact(ReportQuery q) {
    return q.by() == Dimension.LINE ? filters(q) == 0 && coversHours(q) : covers(q);
  }

  private static boolean coversHours(ReportQuery q) {
    if (q.from().getNano() != 0 || q.before().getNano() != 0
        || q.from().getEpochSecond() % 3600 != 0 || q.before().getEpochSecond() % 3600 != 0) {
      return false;
    }
    Dimension filtered = filtered(q);
    if (filtered == null && filters(q) > 0 || filtered != null && q.by() != Dimension.TOTAL && q.by() != filtered) {
      return false;
    }
    var rules = q.zone().getRules();
    if (rules.getOffset(q.from()).getTotalSeconds() % 3600 != 0) {
      return false;
    }
    for (ZoneOffsetTransition t = rules.nextTransition(q.from()); t != null && t.getInstant().isBefore(q.before());
        t = rules.nextTransition(t.getInstant())) {
      if (t.getOffsetAfter().getTotalSeconds() % 3600 != 0) {
        return false;
      }
    }
    return true;
  }

  /** The calls report (the figures of {@link CallReportPipeline}) from the roll-ups. */
  static JsonArray calls(ReportQuery q) {
    long slMs = q.slSeconds() * 1000L;
    long shortMs = q.shortAbandonSeconds() * 1000L;
    JsonObject group = key(q).put("name", new JsonObject().put("$first",
        q.by() == Dimension.QUEUE || q.by() == Dimension.AGENT ? "$name" : new JsonObject().put("$literal", null)));
    for (String f : CallReportPipeline.sums().fieldNames()) {
      group.put(f, f.equals(CallReportPipeline.LONGEST) ? new JsonObject().put("$max", "$" + f) : sum("$" + f));
    }
    // A wait the record cannot give (an abandon without its end) is null, which sorts before every number, so the raw
    // pipeline counts it as within any threshold; the same comparison is made here on a literal null.
    group.put("answeredInSl", sum(within("$aw", "$lte", slMs)))
        .put("abandonedShort", sum(op("$add", within("$bw", "$lte", shortMs),
            cond(op("$lte", null, shortMs), "$abandonedNoWait", 0))))
        .put("abandonedAfterSl", sum(op("$add", within("$bw", "$gt", slMs),
            cond(op("$gt", null, slMs), "$abandonedNoWait", 0))));
    return hours(q)
        .add(new JsonObject().put("$group", group))
        .add(new JsonObject().put("$project", CallReportPipeline.rates()))
        .add(new JsonObject().put("$sort", new JsonObject().put("_id.g", 1).put("_id.p", 1)));
  }

  /** The announced-wait accuracy (the figures of {@link EwtPipeline}) from the roll-ups. */
  static JsonArray waitEstimates(ReportQuery q) {
    JsonObject group = key(q).put("worstUnder", new JsonObject().put("$max", "$worstUnder"));
    for (String f : List.of("announcedCalls", "told", "real", "err", "absErr")) {
      group.put(f, sum("$" + f));
    }
    return hours(q)
        .add(new JsonObject().put("$group", group))
        .add(new JsonObject().put("$match", new JsonObject().put("announcedCalls", new JsonObject().put("$gt", 0))))
        .add(new JsonObject().put("$project", EwtPipeline.averages()))
        .add(new JsonObject().put("$sort", new JsonObject().put("_id.g", 1).put("_id.p", 1)));
  }

  /**
   * Recomputes the roll-ups of {@code hours} (keys of {@value #HOURS}) from their records, fetched by {@code _id}
   * (the one index the embedded server uses): one array of groups per cut; each group's {@code _id} carries the hour
   * the record arrived in ({@code hour}) and the hour whose list named it ({@code listHour}), and only
   * groups where they agree belong to the hour.
   */
  static JsonArray build(Collection<String> hours, Instant from, Instant before) {
    JsonObject facts = CallReportPipeline.figures()
        .put("_id", 0)
        .put("hour", new JsonObject().put("$dateToString", new JsonObject().put("format", HOUR_FORMAT)
            .put("date", "$arrivedAt")))
        .put("listHour", "$r_hour")
        .put("qid", "$queue.id").put("qn", "$queue.name")
        .put("aid", "$agent.id").put("an", "$agent.name")
        .put("to", "$to")
        .put("ans", "$answeredAt")
        .put("ea", EwtPipeline.firstEstimate())
        .mergeIn(FirstContactRollups.facts());
    JsonObject facet = new JsonObject()
        .put("total", FirstContactRollups.withRepeats(cutGroup(new JsonObject().put("$literal", null),
            new JsonObject().put("$literal", null))))
        .put("queue", cutGroup("$qid", "$qn"))
        .put("agent", cutGroup("$aid", "$an"))
        .put("entry", cutGroup("$to", new JsonObject().put("$literal", null)));
    JsonObject match = new JsonObject()
        .put("arrivedAt", new JsonObject().put("$gte", Agg.date(from)).put("$lt", Agg.date(before)))
        .put("outcome", new JsonObject().put("$ne", MongoStore.IN_PROGRESS));
    return new JsonArray()
        .add(stage("$match", new JsonObject().put("_id",
            new JsonObject().put("$in", new JsonArray(List.copyOf(hours))))))
        .add(stage("$project", new JsonObject().put("calls", 1)))
        .add(stage("$unwind", "$calls"))
        .add(stage("$lookup", new JsonObject().put("from", MongoStore.CALLS).put("localField", "calls")
            .put("foreignField", "_id").put("as", "r")))
        // Not $unwind: the embedded server deep-copies the document (here the whole record) for every element.
        .add(stage("$replaceRoot", new JsonObject().put("newRoot",
            op("$mergeObjects", op("$arrayElemAt", "$r", 0), new JsonObject().put("r_hour", "$_id")))))
        .add(stage("$match", match))
        .addAll(FirstContactRollups.nextCall())
        .add(stage("$project", facts))
        // Each stage below reads the fields the one before made; the EWT figures as EwtPipeline computes them.
        .add(stage("$addFields", new JsonObject()
            .put("wa", cond(eq("$a", 1), "$w", null))
            .put("wb", cond(eq("$ab", 1), "$w", null))
            .put("nw", cond(and(eq("$ab", 1), eq("$w", null)), 1, 0))
            .put("ew", cond(and(eq("$a", 1), present("$ea.estimatedWaitSeconds")), 1, 0))))
        .add(stage("$addFields", new JsonObject()
            .put("et", cond(eq("$ew", 1), "$ea.estimatedWaitSeconds", 0))
            .put("er", cond(eq("$ew", 1), op("$divide", op("$subtract", "$ans",
                new JsonObject().put("$toDate", "$ea.at")), 1000), 0))))
        .add(stage("$addFields", new JsonObject().put("ee", op("$subtract", "$er", "$et"))))
        .add(stage("$addFields", new JsonObject()
            .put("eabs", new JsonObject().put("$abs", "$ee"))
            .put("eworst", cond(eq("$ew", 1), "$ee", null))))
        .add(stage("$facet", facet));
  }

  /** Every record's hour and id, for rebuilding {@value #HOURS} from the records. */
  static JsonArray hoursOfRecords() {
    return new JsonArray()
        .add(stage("$match", new JsonObject().put("arrivedAt", new JsonObject()
            .put("$gte", Agg.date(Instant.EPOCH.minus(Duration.ofDays(365 * 100L)))))))
        .add(stage("$group", new JsonObject()
            .put("_id", new JsonObject().put("$dateToString", new JsonObject().put("format", HOUR_FORMAT)
                .put("date", "$arrivedAt")))
            .put("calls", new JsonObject().put("$push", "$_id"))));
  }

  private static JsonArray cutGroup(Object key, Object name) {
    JsonObject group = new JsonObject()
        .put("_id", new JsonObject().put("hour", "$hour").put("listHour", "$listHour").put("k", key))
        .put("name", new JsonObject().put("$first", name))
        .mergeIn(CallReportPipeline.sums())
        .put("aw", new JsonObject().put("$push", "$wa"))
        .put("bw", new JsonObject().put("$push", "$wb"))
        .put("abandonedNoWait", sum("$nw"))
        .put("announcedCalls", sum("$ew"))
        .put("told", sum("$et"))
        .put("real", sum("$er"))
        .put("err", sum("$ee"))
        .put("absErr", sum("$eabs"))
        .put("worstUnder", new JsonObject().put("$max", "$eworst"))
        .mergeIn(FirstContactRollups.sums());
    return new JsonArray()
        .add(stage("$group", group))
        .add(stage("$addFields", new JsonObject().put("aw", notNull("$aw")).put("bw", notNull("$bw"))));
  }

  /** The groups of one cut in the range, oldest first (so a row's {@code $first} name is its earliest). */
  static JsonArray hours(ReportQuery q) {
    JsonObject match = new JsonObject().put("cut", q.by() == Dimension.LINE ? "queue" : cut(q));
    String value = q.queueId() != null ? q.queueId() : q.agentId() != null ? q.agentId() : q.entry();
    if (value != null) {
      match.put("k", value);
    }
    match.put("at", new JsonObject().put("$gte", Agg.date(q.from())).put("$lt", Agg.date(q.before())));
    return new JsonArray()
        .add(stage("$match", match))
        .add(stage("$sort", new JsonObject().put("at", 1)));
  }

  private static JsonObject key(ReportQuery q) {
    Object g = q.by() == Dimension.TOTAL ? new JsonObject().put("$literal", null) : "$k";
    return new JsonObject().put("_id", new JsonObject().put("g", g)
        .put("p", CallReportPipeline.period(q, "$at")));
  }

  /** The cut a query reads: its filtered dimension, else its rows' dimension. */
  static String cut(ReportQuery q) {
    Dimension d = filtered(q) != null ? filtered(q) : q.by();
    return switch (d) {
      case QUEUE -> "queue";
      case AGENT -> "agent";
      case ENTRY -> "entry";
      default -> "total";
    };
  }

  private static Dimension filtered(ReportQuery q) {
    if (filters(q) != 1) {
      return null;
    }
    return q.queueId() != null ? Dimension.QUEUE : q.agentId() != null ? Dimension.AGENT : Dimension.ENTRY;
  }

  private static int filters(ReportQuery q) {
    return (q.queueId() == null ? 0 : 1) + (q.agentId() == null ? 0 : 1) + (q.entry() == null ? 0 : 1);
  }

  /** How many of the waits in {@code list} compare with {@code ms} by {@code comparison}. */
  private static JsonObject within(String list, String comparison, long ms) {
    return new JsonObject().put("$size", new JsonObject().put("$filter", new JsonObject().put("input", list)
        .put("as", "w").put("cond", op(comparison, "$$w", ms))));
  }

  private static JsonObject notNull(String list) {
    return new JsonObject().put("$filter", new JsonObject().put("input", list).put("as", "w")
        .put("cond", op("$ne", "$$w", null)));
  }

  static JsonObject stage(String name, Object body) {
    return new JsonObject().put(name, body);
  }
}
