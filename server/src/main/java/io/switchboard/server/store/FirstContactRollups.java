package io.switchboard.server.store;

import static io.switchboard.server.store.Agg.and;
import static io.switchboard.server.store.Agg.cond;
import static io.switchboard.server.store.Agg.eq;
import static io.switchboard.server.store.Agg.op;
import static io.switchboard.server.store.Agg.present;
import static io.switchboard.server.store.Agg.sum;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Future;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * First-contact resolution in the hourly roll-ups (docs/adr/0011): each group counts its contacts, the ones marked
 * resolved, the ones repeated within {@link CallerNumbers#WINDOW} and the ones resolved and not repeated, with the
 * same definitions as {@link FirstContactPipeline}; the hour's repeated contacts are listed as the repeat-contact list
 * shows them ({@value #REPEATS}). Whether a contact was repeated comes from its number's {@value
 * CallerNumbers#NUMBERS} document: the next finished call after it in (time, id) order, as the record pipeline pairs
 * them.
 */
final class FirstContactRollups {

  /** Each hour's repeated contacts ({@code {_id: hour, items: [...]}}), written with the hour's roll-ups. */
  static final String REPEATS = "call_repeats";
  private static final int HOURS_PER_READ = 24;

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

  /**
   * The repeat-contact list: the range's hours read by {@code _id} a day at a time, oldest first, until the limit is
   * reached (an hour's items all come after an earlier hour's), filtered, ordered by time then id.
   */
  static Future<List<JsonObject>> repeats(MongoClient client, ReportQuery q, int limit) {
    List<String> hours = new ArrayList<>();
    for (Instant h = q.from().truncatedTo(ChronoUnit.HOURS); h.isBefore(q.before()); h = h.plus(1, ChronoUnit.HOURS)) {
      hours.add(CallRollups.hourKey(h));
    }
    return next(client, q, limit, hours, 0, new ArrayList<>());
  }

  private static Future<List<JsonObject>> next(MongoClient client, ReportQuery q, int limit, List<String> hours,
      int from, List<Item> found) {
    if (found.size() >= limit || from >= hours.size()) {
      found.sort(Comparator.comparing(Item::at).thenComparing(Item::id));
      return Future.succeededFuture(found.stream().limit(limit).map(Item::json).toList());
    }
    List<String> day = hours.subList(from, Math.min(hours.size(), from + HOURS_PER_READ));
    return client.find(REPEATS, new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(
        List.copyOf(day))))).compose(docs -> {
          for (JsonObject doc : docs) {
            for (Object o : doc.getJsonArray("items", new JsonArray())) {
              JsonObject item = (JsonObject) o;
              Instant at = CallerNumbers.instant(item.getValue("at"));
              if (at != null && !at.isBefore(q.from()) && at.isBefore(q.before())
                  && (q.queueId() == null || q.queueId().equals(item.getValue("queue")))
                  && (q.agentId() == null || q.agentId().equals(item.getValue("agent")))
                  && (q.entry() == null || q.entry().equals(item.getValue("to")))) {
                found.add(new Item(at, Objects.toString(item.getValue("id"), ""),
                    item.put("answered", true).put("repeat", true)));
              }
            }
          }
          return next(client, q, limit, hours, from + day.size(), found);
        });
  }

  private record Item(Instant at, String id, JsonObject json) {
  }
}
