package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.server.store.GeneratedMonth.Gen;
import io.switchboard.server.store.ReportQuery.Dimension;
import io.switchboard.server.store.ReportQuery.Granularity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hourly roll-ups against the records they sum: after the records are saved, after the wrap-ups and ratings
 * arrive as later writes, after a crash that left marks and an unfinished refresh behind, and after records written
 * around the store. Each time the figures are worked out again here by loops over the generated calls, and every
 * row and figure is compared with the pipelines over the records themselves.
 */
@ExtendWith(VertxExtension.class)
class RollupReportsTest {

  private static final long SL_MS = 20_000;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  @TempDir
  Path dir;

  @Test
  void rollupsFollowSavesLateWrapUpsAndRatingsAndACrash(Vertx vertx) throws Exception {
    String database = TestStores.database();
    GeneratedMonth month = new GeneratedMonth(12, 11);
    Instant firstAt = month.start().plus(Duration.ofDays(1)).plusSeconds(3_600 + 17);
    List<Gen> calls = new ArrayList<>();
    Store store = await(TestStores.open(vertx, dir, database));
    try {
      // 1. The records as they stand when the calls end: no wrap-up or rating yet.
      List<Future<Void>> writes = new ArrayList<>();
      for (Gen g : month.calls) {
        Gen bare = new Gen(g.id(), g.from(), g.to(), g.queue(), g.agent(), g.arrivedAt(), g.queuedAt(),
            g.answeredAt(), g.endedAt(), g.outcome(), null, null, null, null, g.voicemail(), g.holdSeconds(),
            g.transfers());
        calls.add(bare);
        writes.add(store.saveCall(record(bare)));
      }
      await(Future.all(writes));
      assertFigures(store, month, calls);

      // 2. Wrap-ups and ratings arrive later as writes to the same records.
      writes.clear();
      calls.clear();
      for (Gen g : month.calls) {
        calls.add(g);
        if (g.fcr() != null) {
          writes.add(store.saveWrapUp(g.id(), record(g).getJsonObject("wrapUp")).mapEmpty());
        }
        if (g.csat() != null) {
          writes.add(store.saveCall(record(g)));
        }
      }
      await(Future.all(writes));
      assertFigures(store, month, calls);

      // 2b. A later call inside the window turns an earlier resolved contact into a repeat: its hour is recomputed.
      Gen first = answered("f-900001", firstAt, true);
      calls.add(first);
      await(store.saveCall(record(first)));
      JsonObject before = total(await(store.reports().firstContact(fcrQuery(month, Dimension.TOTAL), WINDOW, LINES)));
      assertThat(await(store.reports().repeatContacts(fcrQuery(month, Dimension.TOTAL), WINDOW, 10_000)))
          .extracting(i -> i.getString("id")).doesNotContain("f-900001");
      Gen later = answered("f-900002", firstAt.plus(Duration.ofDays(3)), false);
      calls.add(later);
      await(store.saveCall(record(later)));
      JsonObject after = total(await(store.reports().firstContact(fcrQuery(month, Dimension.TOTAL), WINDOW, LINES)));
      assertThat(after.getLong("contacts")).isEqualTo(before.getLong("contacts") + 1);
      assertThat(after.getLong("repeated")).isEqualTo(before.getLong("repeated") + 1);
      assertThat(after.getLong("resolved")).isEqualTo(before.getLong("resolved") - 1);
      assertThat(await(store.reports().repeatContacts(fcrQuery(month, Dimension.TOTAL), WINDOW, 10_000)))
          .filteredOn(i -> "f-900001".equals(i.getString("id")))
          .singleElement().satisfies(i -> assertThat(i.getString("nextId")).isEqualTo("f-900002"));
      Gen other = answered("f-900011", "+4930999998", firstAt.plus(Duration.ofDays(2)), true);
      calls.add(other);
      await(store.saveCall(record(other)));
      assertFigures(store, month, calls);
    } finally {
      await(store.close());
    }

    // 3. A crash: records changed with their marks left (the store died before refreshing), and a refresh that had
    // taken its marks but not rewritten the hours (its intent left behind).
    List<JsonObject> changed = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      Gen g = calls.get(i);
      if (g.answeredAt() != null && i % 7 == 0) {
        Gen rated = new Gen(g.id(), g.from(), g.to(), g.queue(), g.agent(), g.arrivedAt(), g.queuedAt(),
            g.answeredAt(), g.endedAt(), g.outcome(), g.fcr(), g.wrapUpBy(), g.wrapUpAt(), 5, g.voicemail(),
            g.holdSeconds(), g.transfers());
        calls.set(i, rated);
        changed.add(record(rated));
      }
    }
    await(TestStores.withRawClient(vertx, dir, database, raw -> {
      List<BulkOperation> ops = new ArrayList<>();
      changed.forEach(r -> ops.add(BulkOperation.createReplace(new JsonObject().put("_id", r.getString("_id")), r)));
      JsonArray intent = new JsonArray();
      List<BulkOperation> marks = new ArrayList<>();
      for (int i = 0; i < changed.size(); i++) {
        String id = changed.get(i).getString("_id");
        if (i % 2 == 0) {
          marks.add(BulkOperation.createInsert(new JsonObject().put("_id", id)));
        } else {
          intent.add(id);
        }
      }
      // The crafted numbers: a call whose record and mark were written (it makes f-900002 a repeat), and one whose
      // number's list was already updated when the store died (the intent names the earlier hours to recompute).
      Gen third = answered("f-900003", firstAt.plus(Duration.ofDays(5)), false);
      Gen otherLater = answered("f-900012", "+4930999998", firstAt.plus(Duration.ofDays(3)), false);
      calls.add(third);
      calls.add(otherLater);
      ops.add(BulkOperation.createInsert(record(third)));
      ops.add(BulkOperation.createInsert(record(otherLater)));
      marks.add(BulkOperation.createInsert(new JsonObject().put("_id", "f-900003")));
      Instant otherAt = firstAt.plus(Duration.ofDays(2));
      JsonObject otherNumber = new JsonObject().put("_id", "+4930999998").put("calls", new JsonArray()
          .add(new JsonObject().put("id", "f-900011").put("at", new JsonObject().put("$date", otherAt.toString())))
          .add(new JsonObject().put("id", "f-900012").put("at", new JsonObject().put("$date",
              otherLater.arrivedAt().toString()))));
      JsonObject numbersWritten = new JsonObject().put("_id", "numbers-written")
          .put("calls", new JsonArray().add("f-900012"))
          .put("hours", new JsonArray().add(CallRollups.hourKey(otherAt))
              .add(CallRollups.hourKey(otherLater.arrivedAt())));
      return raw.bulkWrite(MongoStore.CALLS, ops)
          .compose(v -> raw.save(CallerNumbers.NUMBERS, otherNumber))
          .compose(v -> raw.insert(CallRollups.INTENTS, numbersWritten))
          .compose(v -> raw.bulkWrite(CallRollups.PENDING, marks))
          .compose(v -> raw.insert(CallRollups.INTENTS, new JsonObject().put("_id", "left-over").put("calls", intent)));
    }));
    assertThat(changed).hasSizeGreaterThan(10);
    store = await(TestStores.open(vertx, dir, database));
    try {
      assertFigures(store, month, calls);
      assertThat(await(store.reports().repeatContacts(fcrQuery(month, Dimension.TOTAL), WINDOW, 10_000)))
          .extracting(i -> i.getString("id")).contains("f-900001", "f-900002", "f-900011");
    } finally {
      await(store.close());
    }

    // 4. Records written around the store (an import): no marks, so only a rebuild finds them.
    List<Gen> imported = new ArrayList<>();
    for (Gen g : month.calls.subList(0, 40)) {
      imported.add(new Gen("imported-" + g.id(), g.from(), g.to(), g.queue(), g.agent(), g.arrivedAt(),
          g.queuedAt(), g.answeredAt(), g.endedAt(), g.outcome(), g.fcr(), g.wrapUpBy(), g.wrapUpAt(), g.csat(),
          g.voicemail(), g.holdSeconds(), g.transfers()));
    }
    await(TestStores.withRawClient(vertx, dir, database, raw -> raw.bulkWrite(MongoStore.CALLS,
        imported.stream().map(g -> BulkOperation.createInsert(record(g))).toList())));
    calls.addAll(imported);
    store = await(TestStores.open(vertx, dir, database));
    try {
      await(store.reports().rebuildRollups());
      assertFigures(store, month, calls);
    } finally {
      await(store.close());
    }
  }

  @Test
  void rollupsAnswerOnlyWhatTheyCanAnswerExactly() {
    Instant from = Instant.parse("2026-11-01T22:00:00Z");
    Instant before = from.plus(Duration.ofDays(7));
    ZoneId kyiv = ZoneId.of("Europe/Kyiv");
    assertThat(RollupPipeline.covers(new ReportQuery(from, before, kyiv, Dimension.AGENT, Granularity.HOUR, null,
        "a-1", null, 20, 5))).as("an agent's own rows").isTrue();
    assertThat(RollupPipeline.covers(new ReportQuery(from, before, kyiv, Dimension.TOTAL, Granularity.DAY, null,
        null, "+380445550000", 20, 5))).as("one entry point's total").isTrue();
    assertThat(RollupPipeline.covers(new ReportQuery(from, before, kyiv, Dimension.AGENT, Granularity.DAY, "sales",
        null, null, 20, 5))).as("a queue's agents: no cut per pair").isFalse();
    assertThat(RollupPipeline.covers(new ReportQuery(from, before, kyiv, Dimension.TOTAL, Granularity.DAY, "sales",
        "a-1", null, 20, 5))).as("two filters").isFalse();
    assertThat(RollupPipeline.covers(new ReportQuery(from.plusSeconds(1800), before, kyiv, Dimension.QUEUE,
        Granularity.DAY, null, null, null, 20, 5))).as("a range from half past").isFalse();
    assertThat(RollupPipeline.covers(new ReportQuery(from, before, ZoneId.of("Asia/Kolkata"),
        Dimension.QUEUE, Granularity.HOUR, null, null, null, 20, 5))).as("a zone half an hour off UTC").isFalse();
  }

  /** Rows by queue and day, and the one-row total, against the loops and against the records' pipelines. */
  private static void assertFigures(Store store, GeneratedMonth month, List<Gen> calls) throws Exception {
    ReportQuery byQueue = query(month, Dimension.QUEUE, Granularity.DAY, null);
    ReportQuery total = query(month, Dimension.TOTAL, Granularity.TOTAL, null);
    ReportQuery oneQueue = query(month, Dimension.TOTAL, Granularity.WEEK, "sales");
    assertThat(RollupPipeline.covers(byQueue) && RollupPipeline.covers(total) && RollupPipeline.covers(oneQueue))
        .isTrue();
    assertLoops(await(store.reports().calls(byQueue)),
        expect(calls, g -> g.queue() + "|" + DAY.format(g.arrivedAt().atZone(GeneratedMonth.ZONE))));
    assertLoops(await(store.reports().calls(total)), expect(calls, g -> "null|null"));
    for (ReportQuery q : List.of(byQueue, total, oneQueue,
        query(month, Dimension.AGENT, Granularity.HOUR, null),
        query(month, Dimension.ENTRY, Granularity.HOUR_OF_DAY, null))) {
      assertSameRows(await(store.reports().calls(q)), records(() -> store.reports().calls(q)));
      assertSameRows(await(store.reports().waitEstimates(q)), records(() -> store.reports().waitEstimates(q)));
    }
    assertFirstContact(store, month);
  }

  /** FCR by every dimension, and the repeat-contact list, from the roll-ups against the records' pipelines. */
  private static void assertFirstContact(Store store, GeneratedMonth month) throws Exception {
    List<ReportQuery> queries = new ArrayList<>();
    for (Dimension by : List.of(Dimension.LINE, Dimension.QUEUE, Dimension.AGENT, Dimension.ENTRY, Dimension.TOTAL)) {
      queries.add(new ReportQuery(month.start(), month.end(), GeneratedMonth.ZONE, by, Granularity.DAY, null, null,
          null, 20, 5));
    }
    queries.add(fcrQuery(month, Dimension.LINE));
    queries.add(query(month, Dimension.TOTAL, Granularity.WEEK, "sales"));
    for (ReportQuery q : queries) {
      assertThat(RollupPipeline.coversFirstContact(q)).as(q.by() + " from the roll-ups").isTrue();
      List<ReportRow> rows = await(store.reports().firstContact(q, WINDOW, LINES));
      assertSameRows(rows, records(() -> store.reports().firstContact(q, WINDOW, LINES)));
      assertThat(rows.stream().mapToLong(r -> r.figures().getLong("repeated")).sum()).as("repeats").isPositive();
    }
    // The list for any range and filter: from half past an hour, one queue, and the whole month.
    ReportQuery halfPast = new ReportQuery(month.start().plusSeconds(5_400), month.end().minusSeconds(86_400 + 1_800),
        GeneratedMonth.ZONE, Dimension.TOTAL, Granularity.TOTAL, "support", null, null, 20, 5);
    for (ReportQuery q : List.of(fcrQuery(month, Dimension.TOTAL), halfPast)) {
      for (int limit : List.of(7, 10_000)) {
        List<JsonObject> got = await(store.reports().repeatContacts(q, WINDOW, limit));
        List<JsonObject> want = recordItems(() -> store.reports().repeatContacts(q, WINDOW, limit));
        assertThat(got).hasSizeGreaterThan(limit == 7 ? 6 : 7);
        assertThat(got.stream().map(RollupReportsTest::item).toList())
            .containsExactlyElementsOf(want.stream().map(RollupReportsTest::item).toList());
      }
    }
  }

  private static final java.time.Duration WINDOW = Duration.ofDays(7);
  private static final Map<String, Integer> LINES = Map.of("expert", 2);

  private static ReportQuery fcrQuery(GeneratedMonth month, Dimension by) {
    return new ReportQuery(month.start(), month.end(), GeneratedMonth.ZONE, by, Granularity.TOTAL, null, null, null,
        20, 5);
  }

  /** An answered support call from a number of its own (the crafted repeat). */
  private static Gen answered(String id, Instant at, boolean resolved) {
    return answered(id, "+4930999999", at, resolved);
  }

  private static Gen answered(String id, String from, Instant at, boolean resolved) {
    return new Gen(id, from, GeneratedMonth.ENTRIES.get(0), "support", "a-alice", at, at.plusSeconds(2),
        at.plusSeconds(9), at.plusSeconds(200), "answered", resolved, "a-alice", at.plusSeconds(230), null, false, 0,
        0);
  }

  private static JsonObject total(List<ReportRow> rows) {
    assertThat(rows).hasSize(1);
    return rows.get(0).figures();
  }

  /** What the API shows of a repeat-list item. */
  private static String item(JsonObject i) {
    return String.join("|", i.getString("id"), i.getString("from"), String.valueOf(i.getValue("at")),
        String.valueOf(i.getValue("to")), String.valueOf(i.getValue("queue")), String.valueOf(i.getValue("agent")),
        String.valueOf(i.getValue("agentName")), String.valueOf(i.getValue("fcr")), i.getString("nextId"),
        String.valueOf(i.getValue("nextAt")));
  }

  private static List<JsonObject> recordItems(java.util.function.Supplier<Future<List<JsonObject>>> report)
      throws Exception {
    System.setProperty(MongoReports.ROLLUPS_PROPERTY, "false");
    try {
      return await(report.get());
    } finally {
      System.clearProperty(MongoReports.ROLLUPS_PROPERTY);
    }
  }

  /** The generated record, with a spoken wait estimate two seconds into the queue on every third call. */
  private static JsonObject record(Gen g) {
    JsonObject r = GeneratedMonth.record(g);
    int n = Integer.parseInt(g.id().replaceAll("\\D", ""));
    if (g.queuedAt() != null && n % 3 == 0) {
      r.getJsonArray("timeline").add(new JsonObject().put("at", g.queuedAt().plusSeconds(2).toString())
          .put("event", "announced").put("position", 1).put("estimatedWaitSeconds", 10 + n % 50));
    }
    return r;
  }

  private static ReportQuery query(GeneratedMonth month, Dimension by, Granularity g, String queue) {
    return new ReportQuery(month.start(), month.end(), GeneratedMonth.ZONE, by, g, queue, null, null,
        (int) (SL_MS / 1000), 5);
  }

  /** The same report read from the records, not the roll-ups. */
  private static List<ReportRow> records(java.util.function.Supplier<Future<List<ReportRow>>> report)
      throws Exception {
    System.setProperty(MongoReports.ROLLUPS_PROPERTY, "false");
    try {
      return await(report.get());
    } finally {
      System.clearProperty(MongoReports.ROLLUPS_PROPERTY);
    }
  }

  private static void assertSameRows(List<ReportRow> rollups, List<ReportRow> records) {
    assertThat(rollups).extracting(r -> r.group() + "|" + r.period())
        .containsExactlyElementsOf(records.stream().map(r -> r.group() + "|" + r.period()).toList());
    for (int i = 0; i < records.size(); i++) {
      JsonObject want = records.get(i).figures();
      JsonObject got = rollups.get(i).figures();
      assertThat(got.fieldNames()).as("row " + i).containsExactlyInAnyOrderElementsOf(want.fieldNames());
      for (String f : want.fieldNames()) {
        Object w = want.getValue(f);
        Object g = got.getValue(f);
        String where = records.get(i).group() + "|" + records.get(i).period() + " " + f;
        if (w instanceof Number wn && g instanceof Number gn) {
          assertThat(gn.doubleValue()).as(where).isCloseTo(wn.doubleValue(), within(1e-9 * Math.max(1,
              Math.abs(wn.doubleValue()))));
        } else {
          assertThat(g).as(where).isEqualTo(w);
        }
      }
    }
  }

  private static Map<String, Expected> expect(List<Gen> calls, Function<Gen, String> key) {
    Map<String, Expected> out = new TreeMap<>();
    for (Gen g : calls) {
      if (!"in_progress".equals(g.outcome())) {
        out.computeIfAbsent(key.apply(g), k -> new Expected()).add(g);
      }
    }
    return out;
  }

  private static void assertLoops(List<ReportRow> rows, Map<String, Expected> expected) {
    Map<String, JsonObject> actual = new TreeMap<>();
    rows.forEach(r -> actual.put(r.group() + "|" + r.period(), r.figures()));
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((key, e) -> {
      JsonObject f = actual.get(key);
      assertThat(f.getLong("calls")).as(key + " calls").isEqualTo(e.calls);
      assertThat(f.getLong("answered")).as(key + " answered").isEqualTo(e.answered);
      assertThat(f.getLong("abandoned")).as(key + " abandoned").isEqualTo(e.abandoned);
      assertThat(f.getLong("answeredInSl")).as(key + " in SL").isEqualTo(e.answeredInSl);
      assertThat(f.getLong("fcrMarked")).as(key + " FCR marks").isEqualTo(e.fcrMarked);
      assertThat(f.getLong("csatCount")).as(key + " ratings").isEqualTo(e.csatCount);
      for (int s = 1; s <= 5; s++) {
        assertThat(f.getLong("csat" + s)).as(key + " csat " + s).isEqualTo(e.csat[s]);
      }
      close(f, "csatAverage", e.csatCount == 0 ? null : (double) e.csatSum / e.csatCount, key);
      close(f, "wrapUpSeconds", e.answered == 0 ? null : e.wrapMs / 1000.0 / e.answered, key);
    });
  }

  private static void close(JsonObject figures, String name, Double expected, String where) {
    Object value = figures.getValue(name);
    if (expected == null) {
      assertThat(value).as(where + " " + name).isNull();
    } else {
      assertThat(((Number) Objects.requireNonNull(value, where + " " + name)).doubleValue()).as(where + " " + name)
          .isCloseTo(expected, within(1e-6));
    }
  }

  /** The figures of one row that later writes change, summed call by call. */
  private static final class Expected {
    long calls;
    long answered;
    long abandoned;
    long answeredInSl;
    long fcrMarked;
    long wrapMs;
    long csatCount;
    long csatSum;
    final long[] csat = new long[6];

    void add(Gen g) {
      calls++;
      abandoned += "abandoned".equals(g.outcome()) && g.queuedAt() != null ? 1 : 0;
      if (g.answeredAt() != null) {
        answered++;
        answeredInSl += Duration.between(g.queuedAt(), g.answeredAt()).toMillis() <= SL_MS ? 1 : 0;
        if (g.wrapUpAt() != null && g.agent().equals(g.wrapUpBy())) {
          wrapMs += Math.min(Math.max(Duration.between(g.endedAt(), g.wrapUpAt()).toMillis(), 0), 1_800_000);
        }
      }
      fcrMarked += Boolean.TRUE.equals(g.fcr()) ? 1 : 0;
      if (g.csat() != null) {
        csatCount++;
        csatSum += g.csat();
        csat[g.csat()]++;
      }
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
