package io.switchboard.server.store;

import static io.switchboard.server.store.Agg.and;
import static io.switchboard.server.store.Agg.cond;
import static io.switchboard.server.store.Agg.count;
import static io.switchboard.server.store.Agg.eq;
import static io.switchboard.server.store.Agg.op;
import static io.switchboard.server.store.Agg.present;
import static io.switchboard.server.store.Agg.ratio;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;

/**
 * First-contact resolution and repeat contacts as aggregation pipelines. A contact is an answered call; it is
 * <em>resolved on first contact</em> when the agent marked it so in wrap-up ({@code wrapUp.firstContactResolution})
 * and the same number (E.164 {@code from}) did not call again within the window after it, whatever became of that
 * next call. So the pipeline reads every call of the numbers from the range's start to the window past its end,
 * sorts each number's calls by time, pairs each call with the next one, and only then keeps the range's answered
 * calls and applies the queue / agent / entry filters (a repeat to another queue is still a repeat).
 */
final class FirstContactPipeline {

  /** The seed articles' target: more than 85 % of calls finished on the first two lines. */
  static final double TARGET_PERCENT = 85;

  private FirstContactPipeline() {
  }

  static JsonArray report(ReportQuery q, Duration window, Map<String, Integer> lines) {
    JsonObject group = new JsonObject()
        .put("contacts", Agg.sum(1))
        .put("marked", count("$fcr"))
        .put("repeated", count("$repeat"))
        .put("resolved", count(and("$fcr", op("$not", "$repeat"))));
    Object g = q.by().field == null || q.by() == ReportQuery.Dimension.LINE ? new JsonObject().put("$literal", null)
        : "$" + contactField(q.by());
    return rows(contacts(q, window), q, lines, group, g);
  }

  /**
   * The same report from the hourly roll-ups ({@link FirstContactRollups}, window {@link CallerNumbers#WINDOW}): the
   * groups of the query's cut (the queue cut for rows by line), their counts added up per row and period.
   */
  static JsonArray fromRollups(ReportQuery q, Map<String, Integer> lines) {
    JsonObject group = new JsonObject()
        .put("contacts", Agg.sum("$fcC"))
        .put("marked", Agg.sum("$fcM"))
        .put("repeated", Agg.sum("$fcR"))
        .put("resolved", Agg.sum("$fcOk"));
    Object g = q.by() == ReportQuery.Dimension.TOTAL ? new JsonObject().put("$literal", null) : "$k";
    return rows(RollupPipeline.hours(q).add(new JsonObject().put("$addFields", new JsonObject().put("queue", "$k"))),
        q, lines, group, g);
  }

  /** Rows of contacts (or of groups already counting them) by {@code g}, or by line, and period. */
  private static JsonArray rows(JsonArray pipeline, ReportQuery q, Map<String, Integer> lines, JsonObject group,
      Object g) {
    pipeline.add(new JsonObject().put("$addFields", new JsonObject()
        .put("line", line(lines))
        .put("p", CallReportPipeline.period(q, "$at"))));
    if (q.by() != ReportQuery.Dimension.LINE) {
      pipeline.add(new JsonObject().put("$group", group.copy()
          .put("_id", new JsonObject().put("g", g).put("p", "$p"))));
    } else {
      // Each line on its own, and the first two lines together (the seeds' L1+L2 figure), in one pass.
      pipeline.add(new JsonObject().put("$facet", new JsonObject()
              .put("byLine", new JsonArray().add(new JsonObject().put("$group", group.copy().put("_id",
                  new JsonObject().put("g", cond(eq("$line", 3), "L3", cond(eq("$line", 2), "L2", "L1"))).put("p", "$p")))))
              .put("firstTwo", new JsonArray()
                  .add(new JsonObject().put("$match", new JsonObject().put("line",
                      new JsonObject().put("$in", new JsonArray().add(1).add(2)))))
                  .add(new JsonObject().put("$group", group.copy().put("_id",
                      new JsonObject().put("g", "L1+L2").put("p", "$p")))))))
          .add(new JsonObject().put("$project", new JsonObject().put("rows",
              op("$concatArrays", "$byLine", "$firstTwo"))))
          .add(new JsonObject().put("$unwind", "$rows"))
          .add(new JsonObject().put("$replaceRoot", new JsonObject().put("newRoot", "$rows")));
    }
    return pipeline
        .add(new JsonObject().put("$match", new JsonObject().put("contacts", new JsonObject().put("$gt", 0))))
        .add(new JsonObject().put("$addFields", new JsonObject()
            .put("fcrRate", ratio("$resolved", "$contacts", 100))
            .put("markedRate", ratio("$marked", "$contacts", 100))
            .put("target", TARGET_PERCENT)))
        .add(new JsonObject().put("$sort", new JsonObject().put("_id.g", 1).put("_id.p", 1)));
  }

  /** The range's answered calls whose caller called again within the window, oldest first. */
  static JsonArray repeats(ReportQuery q, Duration window, int limit) {
    return contacts(q, window)
        .add(new JsonObject().put("$match", new JsonObject().put("repeat", true)))
        .add(new JsonObject().put("$sort", new JsonObject().put("at", 1).put("id", 1)))
        .add(new JsonObject().put("$limit", limit));
  }

  /**
   * One document per answered call of the range with a caller number: {@code id, from, at, to, queue, agent,
   * agentName, fcr} (marked in wrap-up), {@code repeat} (the number called again within the window),
   * {@code nextId, nextAt}.
   */
  private static JsonArray contacts(ReportQuery q, Duration window) {
    long windowMs = window.toMillis();
    JsonObject push = new JsonObject()
        .put("id", "$_id").put("at", "$arrivedAt").put("from", "$from").put("to", "$to")
        .put("queue", "$queue.id").put("agent", "$agent.id").put("agentName", "$agent.name")
        .put("answered", present("$answeredAt"))
        .put("fcr", eq("$wrapUp.firstContactResolution", true));
    JsonObject pair = op("$mergeObjects", op("$arrayElemAt", "$calls", "$$i"), new JsonObject()
        .put("nextId", cond(op("$lt", op("$add", "$$i", 1), op("$size", "$calls")),
            op("$arrayElemAt", "$calls.id", op("$add", "$$i", 1)), null))
        .put("nextAt", cond(op("$lt", op("$add", "$$i", 1), op("$size", "$calls")),
            op("$arrayElemAt", "$calls.at", op("$add", "$$i", 1)), null)));
    JsonObject match = new JsonObject()
        .put("at", new JsonObject().put("$gte", Agg.date(q.from())).put("$lt", Agg.date(q.before())))
        .put("answered", true);
    if (q.queueId() != null) {
      match.put("queue", q.queueId());
    }
    if (q.agentId() != null) {
      match.put("agent", q.agentId());
    }
    if (q.entry() != null) {
      match.put("to", q.entry());
    }
    return new JsonArray()
        .add(new JsonObject().put("$match", new JsonObject()
            .put("arrivedAt", new JsonObject().put("$gte", Agg.date(q.from()))
                .put("$lt", Agg.date(q.before().plus(window))))
            .put("from", new JsonObject().put("$regex", "^\\+"))
            .put("outcome", new JsonObject().put("$ne", MongoStore.IN_PROGRESS))))
        .add(new JsonObject().put("$sort", new JsonObject().put("from", 1).put("arrivedAt", 1).put("_id", 1)))
        .add(new JsonObject().put("$group", new JsonObject().put("_id", "$from")
            .put("calls", new JsonObject().put("$push", push))))
        .add(new JsonObject().put("$project", new JsonObject().put("contacts", new JsonObject().put("$map",
            new JsonObject().put("input", op("$range", 0, op("$size", "$calls"))).put("as", "i")
                .put("in", pair)))))
        .add(new JsonObject().put("$unwind", "$contacts"))
        .add(new JsonObject().put("$replaceRoot", new JsonObject().put("newRoot", "$contacts")))
        .add(new JsonObject().put("$addFields", new JsonObject().put("repeat",
            and(present("$nextAt"), op("$lte", op("$subtract", "$nextAt", "$at"), windowMs)))))
        .add(new JsonObject().put("$match", match));
  }

  /** The contact's line: the queue's configured line, 1 (first line) for queues not listed. */
  private static Object line(Map<String, Integer> lines) {
    Object expr = 1;
    for (int line = 3; line >= 2; line--) {
      JsonArray queues = new JsonArray();
      int l = line;
      lines.forEach((queue, value) -> {
        if (value == l) {
          queues.add(queue);
        }
      });
      if (!queues.isEmpty()) {
        expr = cond(op("$in", op("$ifNull", "$queue", ""), queues), line, expr);
      }
    }
    return expr;
  }

  private static String contactField(ReportQuery.Dimension by) {
    return switch (by) {
      case QUEUE -> "queue";
      case AGENT -> "agent";
      case ENTRY -> "to";
      default -> throw new IllegalArgumentException("no contact field for " + by);
    };
  }
}
