package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Keeps the hourly roll-ups ({@link RollupPipeline}) equal to the call records, without ever adding to them: every
 * write to a record is bracketed by a mark ({@value #PENDING}, the call's id), and {@link #refresh} recomputes the
 * hours of the marked calls from their records and replaces those hours' groups.
 *
 * <p>Why this is safe (docs/api.md, "Roll-ups"): the mark before the write survives a crash between the write and
 * anything after it; the mark after the write comes back if a refresh removed the first one before the write landed.
 * A refresh first writes the marked ids into an intent ({@value #INTENTS}), then removes the marks, then reads the
 * records, and removes the intent only once the hours are rewritten: a crash leaves the intent, which the next
 * refresh finishes. Recomputing an hour twice gives the same document, so nothing is counted twice.
 */
final class CallRollups {

  static final String PENDING = "rollup_pending";
  static final String INTENTS = "rollup_intents";
  /** Marks taken per round: the intent holds their ids in one document. */
  static final int BATCH = 5_000;
  /**
   * Hours recomputed per aggregation: the {@code $facet} answer is one document, at most 16 MB on MongoDB, and holds
   * every call's wait four times (once per cut); six hours of 10,000 calls each stay near 4 MB.
   */
  static final int HOURS_PER_BUILD = 6;
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  private final MongoClient client;
  private final CallerNumbers numbers;
  private Future<Void> refreshing = Future.succeededFuture();

  CallRollups(MongoClient client) {
    this.client = client;
    this.numbers = new CallerNumbers(client);
  }

  /** Marks the call's hour as needing a recompute; written before and after every write to its record. */
  Future<Void> mark(String callId) {
    return client.updateCollectionWithOptions(PENDING, new JsonObject().put("_id", callId),
        new JsonObject().put("$set", new JsonObject().put("at", Agg.date(Instant.now()))),
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  /** Brings the roll-ups up to every mark made before this call; one refresh at a time in this process. */
  synchronized Future<Void> refresh() {
    Future<Void> next = refreshing.transform(previous -> refreshRound());
    refreshing = next;
    return next;
  }

  /** Rebuilds the hour lists and every roll-up from the records (a migration, or after an import around the store). */
  synchronized Future<Void> rebuildAll() {
    Future<Void> next = refreshing.transform(previous -> numbers.rebuildAll())
        .compose(v -> client.removeDocuments(RollupPipeline.HOURS, new JsonObject()))
        .compose(v -> aggregate(MongoStore.CALLS, RollupPipeline.hoursOfRecords()))
        .compose(lists -> {
          List<Future<?>> writes = new ArrayList<>();
          List<String> hours = new ArrayList<>();
          for (JsonObject list : lists) {
            String hour = list.getString("_id");
            hours.add(hour);
            writes.add(client.save(RollupPipeline.HOURS, new JsonObject().put("_id", hour)
                .put("at", Agg.date(start(hour))).put("calls", list.getJsonArray("calls"))
                .put("groups", new JsonArray())));
          }
          return Future.all(writes)
              .compose(v -> client.removeDocuments(RollupPipeline.ROLLUPS, new JsonObject()))
              .compose(v -> client.removeDocuments(FirstContactRollups.REPEATS, new JsonObject()))
              .compose(v -> rebuild(hours));
        });
    refreshing = next;
    return next;
  }

  static String hourKey(Instant at) {
    return HOUR.format(at.truncatedTo(ChronoUnit.HOURS));
  }

  private static Instant start(String hourKey) {
    return Instant.parse(hourKey + ":00:00Z");
  }

  private Future<Void> refreshRound() {
    return client.find(INTENTS, new JsonObject()).compose(intents -> client.findWithOptions(PENDING,
        new JsonObject(), new FindOptions().setLimit(BATCH).setFields(new JsonObject().put("_id", 1)))
        .compose(marks -> {
          Set<String> ids = new LinkedHashSet<>();
          List<String> intentIds = new ArrayList<>();
          for (JsonObject intent : intents) {
            intentIds.add(intent.getString("_id"));
            intent.getJsonArray("calls", new JsonArray()).forEach(id -> ids.add(String.valueOf(id)));
          }
          List<String> marked = marks.stream().map(m -> m.getString("_id")).toList();
          ids.addAll(marked);
          if (ids.isEmpty()) {
            return Future.succeededFuture();
          }
          Future<?> claimed = Future.succeededFuture();
          if (!marked.isEmpty()) {
            String intent = UUID.randomUUID().toString();
            intentIds.add(intent);
            claimed = client.insert(INTENTS, new JsonObject().put("_id", intent).put("calls", new JsonArray(marked)))
                .compose(v -> client.removeDocuments(PENDING, in(marked)));
          }
          Set<String> intentHours = new java.util.TreeSet<>();
          intents.forEach(i -> i.getJsonArray("hours", new JsonArray())
              .forEach(h -> intentHours.add(String.valueOf(h))));
          return claimed.compose(v -> recompute(ids, intentIds.get(0), intentHours))
              .compose(v -> client.removeDocuments(INTENTS, in(intentIds)))
              .compose(v -> marked.size() == BATCH ? refreshRound() : Future.succeededFuture());
        }));
  }

  /**
   * Adds the calls to their hours' lists and their numbers' lists (idempotent), then recomputes those hours and the
   * hours of the numbers' earlier calls the new ones may have made repeats ({@link CallerNumbers}).
   */
  private Future<Void> recompute(Set<String> ids, String intent, Set<String> intentHours) {
    return client.findWithOptions(MongoStore.CALLS, in(List.copyOf(ids)), new FindOptions().setFields(
        new JsonObject().put("arrivedAt", 1).put("from", 1).put("outcome", 1))).compose(found -> {
          Map<String, JsonArray> byHour = new TreeMap<>();
          for (JsonObject call : found) {
            Instant arrived = instant(call.getValue("arrivedAt"));
            if (arrived != null) {
              byHour.computeIfAbsent(hourKey(arrived), h -> new JsonArray()).add(call.getString("_id"));
            }
          }
          List<Future<?>> lists = new ArrayList<>();
          byHour.forEach((hour, calls) -> lists.add(client.updateCollectionWithOptions(RollupPipeline.HOURS,
              new JsonObject().put("_id", hour),
              new JsonObject().put("$addToSet", new JsonObject().put("calls", new JsonObject().put("$each", calls)))
                  .put("$set", new JsonObject().put("at", Agg.date(start(hour)))),
              new UpdateOptions().setUpsert(true))));
          // The earlier calls' hours go into the intent before the numbers' lists change: a retry sees no change.
          return Future.all(lists).compose(v -> numbers.update(found, earlier -> earlier.isEmpty()
              ? Future.succeededFuture() : client.updateCollection(INTENTS, new JsonObject().put("_id", intent),
                  new JsonObject().put("$addToSet", new JsonObject().put("hours",
                      new JsonObject().put("$each", new JsonArray(List.copyOf(earlier)))))))).compose(earlier -> {
            Set<String> hours = new java.util.TreeSet<>(byHour.keySet());
            hours.addAll(earlier);
            hours.addAll(intentHours);
            return rebuild(hours);
          });
        });
  }

  /** Replaces the roll-ups of each hour by ones recomputed from its records, {@link #HOURS_PER_BUILD} at a time. */
  private Future<Void> rebuild(java.util.Collection<String> unordered) {
    List<String> hours = List.copyOf(new java.util.TreeSet<>(unordered));
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < hours.size(); i += HOURS_PER_BUILD) {
      List<String> batch = hours.subList(i, Math.min(hours.size(), i + HOURS_PER_BUILD));
      chain = chain.compose(v -> rebuildBatch(batch));
    }
    return chain;
  }

  /**
   * Writes the hours' groups (one document each, replaced whole), then removes the groups an hour had before and no
   * longer has (its {@value RollupPipeline#HOURS} document lists them), then records the new list. A crash in between
   * leaves the intent, and the next recompute removes what the old list still names.
   */
  private Future<Void> rebuildBatch(List<String> hours) {
    Instant from = start(hours.get(0));
    Instant before = start(hours.get(hours.size() - 1)).plus(1, ChronoUnit.HOURS);
    return client.findWithOptions(RollupPipeline.HOURS, in(hours), new FindOptions()
            .setFields(new JsonObject().put("groups", 1)))
        .compose(lists -> aggregate(RollupPipeline.HOURS, RollupPipeline.build(hours, from, before)).compose(out -> {
          Map<String, JsonArray> groupsOfHour = new TreeMap<>();
          hours.forEach(h -> groupsOfHour.put(h, new JsonArray()));
          Map<String, JsonArray> repeatsOfHour = new TreeMap<>();
          List<BulkOperation> writes = new ArrayList<>();
          JsonObject facets = out.isEmpty() ? new JsonObject() : out.get(0);
          for (String cut : RollupPipeline.CUTS) {
            for (Object o : facets.getJsonArray(cut, new JsonArray())) {
              JsonObject group = ((JsonObject) o).copy();
              JsonObject id = (JsonObject) group.remove("_id");
              String hour = id.getString("hour");
              if (hour == null || !hour.equals(id.getString("listHour")) || !groupsOfHour.containsKey(hour)) {
                continue; // listed under an hour it did not arrive in
              }
              Object k = id.getValue("k");
              String key = !id.containsKey("k") ? "missing" : k == null ? "null" : "=" + k;
              String groupId = hour + "|" + cut + "|" + key;
              group.put("_id", groupId).put("hour", hour).put("cut", cut).put("at", Agg.date(start(hour)));
              if (group.getValue("fcRep") instanceof JsonArray) {
                repeatsOfHour.put(hour, (JsonArray) group.remove("fcRep"));
              }
              if (id.containsKey("k")) {
                group.put("k", id.getValue("k"));
              }
              groupsOfHour.get(hour).add(groupId);
              writes.add(BulkOperation.createReplace(new JsonObject().put("_id", groupId), group, true));
            }
          }
          List<Object> stale = new ArrayList<>();
          List<BulkOperation> newLists = new ArrayList<>();
          for (JsonObject list : lists) {
            JsonArray now = groupsOfHour.get(list.getString("_id"));
            list.getJsonArray("groups", new JsonArray()).forEach(old -> {
              if (now != null && !now.contains(old)) {
                stale.add(old);
              }
            });
          }
          groupsOfHour.forEach((hour, ids) -> newLists.add(BulkOperation.createUpdate(new JsonObject().put("_id", hour),
              new JsonObject().put("$set", new JsonObject().put("groups", ids)), false, false)));
          List<BulkOperation> repeats = new ArrayList<>();
          hours.forEach(h -> repeats.add(BulkOperation.createReplace(new JsonObject().put("_id", h),
              new JsonObject().put("_id", h).put("items", repeatsOfHour.getOrDefault(h, new JsonArray())), true)));
          return (writes.isEmpty() ? Future.succeededFuture() : client.bulkWrite(RollupPipeline.ROLLUPS, writes))
              .compose(v -> client.bulkWrite(FirstContactRollups.REPEATS, repeats))
              .compose(v -> stale.isEmpty() ? Future.succeededFuture()
                  : client.removeDocuments(RollupPipeline.ROLLUPS,
                      new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(stale)))))
              .compose(v -> client.bulkWrite(RollupPipeline.HOURS, newLists))
              .mapEmpty();
        }));
  }

  private Future<List<JsonObject>> aggregate(String collection, JsonArray pipeline) {
    return Agg.results(client, collection, pipeline);
  }

  private static JsonObject in(List<String> ids) {
    return new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(List.copyOf(ids))));
  }

  private static Instant instant(Object value) {
    if (value instanceof JsonObject date && date.getValue("$date") instanceof String text) {
      return Instant.parse(text);
    }
    return null;
  }
}
