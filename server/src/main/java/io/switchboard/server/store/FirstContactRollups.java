package io.switchboard.server.store;

import static io.switchboard.server.store.Agg.and;
import static io.switchboard.server.store.Agg.cond;
import static io.switchboard.server.store.Agg.eq;
import static io.switchboard.server.store.Agg.op;
import static io.switchboard.server.store.Agg.present;
import static io.switchboard.server.store.Agg.sum;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * First-contact resolution in the hourly roll-ups (docs/adr/0011): each group counts its contacts, the ones marked
 * resolved, the ones repeated within {@link CallerNumbers#WINDOW} and the ones resolved and not repeated, with the
 * same definitions as {@link FirstContactPipeline}; the hour's total group also lists its repeated contacts as the
 * repeat-contact list shows them. Whether a contact was repeated comes from its number's {@value
 * CallerNumbers#NUMBERS} document: the next finished call after it in (time, id) order, as the record pipeline pairs
 * them.
 */
final class FirstContactRollups {

  private FirstContactRollups() {
  }

  /** Stages after the record is in place: its number's next call as {@code fcX} ({@code {id, at}}), if any. */
  static JsonArray nextCall() {
    JsonObject later = op("$or", op("$gt", "$$c.at", "$arrivedAt"),
        and(eq("$$c.at", "$arrivedAt"), op("$gt", "$$c.id", "$_id")));
    return new JsonArray()
        .add(RollupPipeline.stage("$lookup", new JsonObject().put("from", CallerNumbers.NUMBERS)
            .put("localField", "from").put("foreignField", "_id").put("as", "fcN")))
        .add(RollupPipeline.stage("$addFields", new JsonObject().put("fcD", op("$arrayElemAt", "$fcN", 0))))
        .add(RollupPipeline.stage("$addFields", new JsonObject().put("fcX", op("$arrayElemAt",
            new JsonObject().put("$filter", new JsonObject().put("input", op("$ifNull", "$fcD.calls", new JsonArray()))
                .put("as", "c").put("cond", later)), 0))));
  }

  /** The per-call facts: 1/0 counts, and the repeat-list item of a repeated contact (else null). */
  static JsonObject facts() {
    Object contact = and(present("$answeredAt"), present("$fcD"));
    Object marked = eq("$wrapUp.firstContactResolution", true);
    Object repeat = and(present("$fcX"), op("$lte", op("$subtract", "$fcX.at", "$arrivedAt"),
        CallerNumbers.WINDOW.toMillis()));
    JsonObject item = new JsonObject().put("id", "$_id").put("from", "$from").put("at", "$arrivedAt").put("to", "$to")
        .put("queue", "$queue.id").put("agent", "$agent.id").put("agentName", "$agent.name")
        .put("fcr", marked).put("nextId", "$fcX.id").put("nextAt", "$fcX.at");
    return new JsonObject()
        .put("fcC", cond(contact, 1, 0))
        .put("fcM", cond(and(contact, marked), 1, 0))
        .put("fcR", cond(and(contact, repeat), 1, 0))
        .put("fcOk", cond(and(contact, marked, op("$not", repeat)), 1, 0))
        .put("fcRep", cond(and(contact, repeat), item, null));
  }

  /** The counts every group sums. */
  static JsonObject sums() {
    return new JsonObject().put("fcC", sum("$fcC")).put("fcM", sum("$fcM")).put("fcR", sum("$fcR"))
        .put("fcOk", sum("$fcOk"));
  }

  /** The total cut's stages with the hour's repeated contacts listed ({@code fcRep}). */
  static JsonArray withRepeats(JsonArray cutGroup) {
    cutGroup.getJsonObject(0).getJsonObject("$group").put("fcRep", new JsonObject().put("$push", "$fcRep"));
    return cutGroup.add(RollupPipeline.stage("$addFields", new JsonObject().put("fcRep", new JsonObject()
        .put("$filter", new JsonObject().put("input", "$fcRep").put("as", "r").put("cond", op("$ne", "$$r", null))))));
  }

  /** The hours' total groups whose repeats may fall in the query's range. */
  static JsonObject repeatHours(ReportQuery q) {
    return new JsonObject().put("cut", "total").put("at", new JsonObject()
        .put("$gte", Agg.date(Instant.ofEpochSecond(Math.floorDiv(q.from().getEpochSecond(), 3600) * 3600)))
        .put("$lt", Agg.date(q.before())));
  }

  /** The repeat-contact list from those groups: the range's, filtered, oldest first then by id, at most limit. */
  static List<JsonObject> repeats(List<JsonObject> hours, ReportQuery q, int limit) {
    List<JsonObject> items = new ArrayList<>();
    for (JsonObject hour : hours) {
      for (Object o : hour.getJsonArray("fcRep", new JsonArray())) {
        JsonObject item = (JsonObject) o;
        Instant at = CallerNumbers.instant(item.getValue("at"));
        if (at != null && !at.isBefore(q.from()) && at.isBefore(q.before())
            && (q.queueId() == null || q.queueId().equals(item.getValue("queue")))
            && (q.agentId() == null || q.agentId().equals(item.getValue("agent")))
            && (q.entry() == null || q.entry().equals(item.getValue("to")))) {
          items.add(item.put("answered", true).put("repeat", true));
        }
      }
    }
    items.sort(Comparator.comparing((JsonObject i) -> CallerNumbers.instant(i.getValue("at")))
        .thenComparing(i -> Objects.toString(i.getValue("id"), "")));
    return items.size() > limit ? List.copyOf(items.subList(0, limit)) : items;
  }
}
