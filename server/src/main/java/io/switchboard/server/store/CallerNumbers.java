package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Each caller number's finished calls ({@value #NUMBERS}: {@code {_id: E.164, calls: [{id, at}]}} ordered by time
 * then id, as {@link FirstContactPipeline} pairs them), so the hourly roll-ups can tell whether a contact was repeated
 * within the window by fetching one document by {@code _id}, the one index the embedded server uses. Kept by the
 * roll-ups' refresh from the same marks: a call's write refreshes its number, and the hours of that number's calls in
 * the window before it are recomputed too, since the new call may have made them repeats.
 */
final class CallerNumbers {

  static final String NUMBERS = "call_numbers";
  /**
   * The window the roll-ups' FCR counts are built with: the default {@code reports.fcr-window-days}. The store does
   * not read the site's settings, so a query with another window reads the records (the same figures, slower).
   */
  static final Duration WINDOW = Duration.ofDays(7);

  private final MongoClient client;

  CallerNumbers(MongoClient client) {
    this.client = client;
  }

  /** Whether a record's caller is a number the FCR reports follow (the record pipeline's {@code ^\+}). */
  static boolean followed(String from) {
    return from != null && from.startsWith("+");
  }

  /**
   * Puts the records (with {@code _id, from, arrivedAt, outcome}) into their numbers' lists, replacing what the lists
   * held for them. Before writing, {@code beforeWrite} is given the hours ({@link CallRollups#hourKey}) of each
   * changed number's calls in the window up to each changed record, whose repeat status the record may have changed
   * (a re-save with the same time changes nothing): the caller keeps them in its intent, since a retry after the
   * write would see no change.
   */
  Future<Set<String>> update(List<JsonObject> records,
      java.util.function.Function<Set<String>, Future<?>> beforeWrite) {
    Map<String, List<JsonObject>> byNumber = new LinkedHashMap<>();
    for (JsonObject r : records) {
      if (followed(r.getString("from"))) {
        byNumber.computeIfAbsent(r.getString("from"), n -> new ArrayList<>()).add(r);
      }
    }
    if (byNumber.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    JsonObject query = new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(List.copyOf(
        byNumber.keySet()))));
    return client.find(NUMBERS, query).compose(found -> {
      Map<String, JsonArray> lists = new LinkedHashMap<>();
      found.forEach(doc -> lists.put(doc.getString("_id"), doc.getJsonArray("calls", new JsonArray())));
      Set<String> hours = new TreeSet<>();
      List<BulkOperation> writes = new ArrayList<>();
      byNumber.forEach((number, calls) -> {
        Set<String> ids = new HashSet<>();
        calls.forEach(c -> ids.add(c.getString("_id")));
        List<JsonObject> entries = new ArrayList<>();
        List<Instant> moved = new ArrayList<>();
        for (Object o : lists.getOrDefault(number, new JsonArray())) {
          if (!ids.contains(((JsonObject) o).getString("id"))) {
            entries.add((JsonObject) o);
          } else {
            moved.add(instant(((JsonObject) o).getValue("at")));
          }
        }
        for (JsonObject c : calls) {
          if (c.getValue("arrivedAt") != null && !MongoStore.IN_PROGRESS.equals(c.getString("outcome"))) {
            entries.add(new JsonObject().put("id", c.getString("_id")).put("at", c.getValue("arrivedAt")));
            Instant at = instant(c.getValue("arrivedAt"));
            if (!moved.remove(at)) {
              moved.add(at); // new in the list, or at another time
            }
          }
        }
        if (moved.isEmpty()) {
          return; // the same calls at the same times: no repeat status changed, nothing to write
        }
        entries.sort(ORDER);
        for (Instant at : moved) {
          for (JsonObject e : entries) {
            Instant earlier = instant(e.getValue("at"));
            if (!earlier.isAfter(at) && !earlier.isBefore(at.minus(WINDOW))) {
              hours.add(CallRollups.hourKey(earlier));
            }
          }
        }
        writes.add(BulkOperation.createReplace(new JsonObject().put("_id", number),
            new JsonObject().put("_id", number).put("calls", new JsonArray(new ArrayList<>(entries))), true));
      });
      if (writes.isEmpty()) {
        return Future.succeededFuture((Set<String>) hours);
      }
      return beforeWrite.apply(hours).compose(v -> client.bulkWrite(NUMBERS, writes)).map(v -> (Set<String>) hours);
    });
  }

  /** Rebuilds every number's list from the records (a migration, or after an import around the store). */
  Future<Void> rebuildAll() {
    JsonArray pipeline = new JsonArray()
        .add(new JsonObject().put("$match", new JsonObject()
            .put("from", new JsonObject().put("$regex", "^\\+"))
            .put("arrivedAt", new JsonObject().put("$gte", Agg.date(Instant.EPOCH.minus(Duration.ofDays(36500)))))
            .put("outcome", new JsonObject().put("$ne", MongoStore.IN_PROGRESS))))
        .add(new JsonObject().put("$sort", new JsonObject().put("from", 1).put("arrivedAt", 1).put("_id", 1)))
        .add(new JsonObject().put("$group", new JsonObject().put("_id", "$from").put("calls",
            new JsonObject().put("$push", new JsonObject().put("id", "$_id").put("at", "$arrivedAt")))));
    Future<List<JsonObject>> read = Agg.results(client, MongoStore.CALLS, pipeline);
    return client.removeDocuments(NUMBERS, new JsonObject()).compose(v -> read).compose(numbers -> {
      if (numbers.isEmpty()) {
        return Future.succeededFuture();
      }
      List<BulkOperation> writes = new ArrayList<>();
      numbers.forEach(n -> writes.add(BulkOperation.createInsert(n)));
      return client.bulkWrite(NUMBERS, writes).mapEmpty();
    });
  }

  private static final Comparator<JsonObject> ORDER = Comparator
      .comparing((JsonObject e) -> instant(e.getValue("at")))
      .thenComparing(e -> e.getString("id"));

  static Instant instant(Object value) {
    if (value instanceof JsonObject date && date.getValue("$date") instanceof String text) {
      return Instant.parse(text);
    }
    return null;
  }
}
