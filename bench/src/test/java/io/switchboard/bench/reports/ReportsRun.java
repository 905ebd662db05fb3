package io.switchboard.bench.reports;

import io.switchboard.server.config.MongoConfig;
import io.switchboard.server.store.ReportQuery;
import io.switchboard.server.store.ReportQuery.Dimension;
import io.switchboard.server.store.ReportQuery.Granularity;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.MongoClient;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How long the reports take over a month of 100,000 calls on the embedded MongoDB (mongo-java-server on H2, what a
 * single-machine install runs): generates the records (as call control writes them) straight into the store's
 * database, builds the hourly roll-ups from them (timed), then times every report of reports.html once cold and
 * {@code --runs} times warm; {@code --compare true} times each report on the records too (the pipelines before the
 * roll-ups). {@code BENCH_MAIN=io.switchboard.bench.reports.ReportsRun bench/run [--calls N] [--runs R]
 * [--compare true]}; docs/performance.md, "Reports".
 */
public final class ReportsRun {

  private static final ZoneId ZONE = ZoneId.of("Europe/Kyiv");
  private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
  private static final int DAYS = 30;
  private static final List<String> QUEUES = List.of("support", "sales", "billing", "expert", "claims");

  private ReportsRun() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int calls = Integer.parseInt(options.getOrDefault("calls", "100000"));
    int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
    // --data DIR keeps the embedded database there and reuses the calls already in it (inserting 100,000 takes minutes).
    Path dir = options.containsKey("data") ? Files.createDirectories(Path.of(options.get("data")))
        : Files.createTempDirectory("reports-bench");
    String only = options.get("only");
    Vertx vertx = Vertx.vertx();
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    // --cache-mb: the embedded store's page cache (mongodb.embedded.cache-mb), to compare with MVStore's own 16 MB.
    int cacheMb = Integer.parseInt(options.getOrDefault("cache-mb",
        String.valueOf(MongoConfig.DEFAULT_EMBEDDED_CACHE_MB)));
    long opening = System.nanoTime();
    long openingCpu = cpuNanos();
    Store store = await(Store.open(vertx, new MongoConfig("", "switchboard", port, cacheMb), dir));
    // A database of an earlier version is migrated here (its roll-ups built from the records it holds).
    System.out.printf("store opened in %.1f s (%.1f s CPU)%n", (System.nanoTime() - opening) / 1e9,
        (cpuNanos() - openingCpu) / 1e9);
    MongoClient raw = MongoClient.create(vertx, new JsonObject()
        .put("connection_string", "mongodb://127.0.0.1:" + port).put("db_name", "switchboard"));
    try {
      long stored = await(raw.count("calls", new JsonObject()));
      if (stored != calls) {
        await(raw.dropCollection("calls").recover(e -> Future.succeededFuture()));
        await(raw.dropCollection("callbacks").recover(e -> Future.succeededFuture()));
        long t0 = System.nanoTime();
        insert(raw, calls);
        System.out.printf("inserted %,d calls in %.1f s (embedded MongoDB, %s)%n", calls,
            (System.nanoTime() - t0) / 1e9, dir);
      } else {
        System.out.printf("reusing the %,d calls in %s%n", stored, dir);
      }
      if (stored != calls || await(raw.count("call_rollups", new JsonObject())) == 0
          || Boolean.parseBoolean(options.getOrDefault("rebuild", "false"))) {
        // Written around the store, so no marks: built once, as the migration does for an existing database.
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        await(store.reports().rebuildRollups());
        System.out.printf("built the roll-ups of %,d calls in %.1f s (%.1f s CPU)%n", calls,
            (System.nanoTime() - t0) / 1e9, (cpuNanos() - cpu0) / 1e9);
      }
      Instant from = FIRST.atStartOfDay(ZONE).toInstant();
      Instant before = FIRST.plusDays(DAYS).atStartOfDay(ZONE).toInstant();
      Instant weekEnd = FIRST.plusDays(7).atStartOfDay(ZONE).toInstant();
      Map<String, Supplier<Future<?>>> reports = new LinkedHashMap<>();
      reports.put("floor: $match + count, month", () -> {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        raw.aggregate("calls", new JsonArray()
                .add(new JsonObject().put("$match", new JsonObject().put("arrivedAt", new JsonObject()
                    .put("$gte", new JsonObject().put("$date", from.toString()))
                    .put("$lt", new JsonObject().put("$date", before.toString())))))
                .add(new JsonObject().put("$group", new JsonObject().putNull("_id")
                    .put("n", new JsonObject().put("$sum", 1)))))
            .exceptionHandler(done::tryFail).endHandler(v -> done.tryComplete()).handler(x -> { });
        return done.future();
      });
      reports.put("calls by queue and day, month", () -> store.reports().calls(q(from, before, Dimension.QUEUE,
          Granularity.DAY, null)));
      reports.put("calls by agent and week, month", () -> store.reports().calls(q(from, before, Dimension.AGENT,
          Granularity.WEEK, null)));
      reports.put("calls by entry point and hour, month", () -> store.reports().calls(q(from, before,
          Dimension.ENTRY, Granularity.HOUR, null)));
      reports.put("calls total, month", () -> store.reports().calls(q(from, before, Dimension.TOTAL,
          Granularity.TOTAL, null)));
      reports.put("calls of one queue by day, one week", () -> store.reports().calls(q(from, weekEnd,
          Dimension.TOTAL, Granularity.DAY, "support")));
      reports.put("callbacks by queue and day, month", () -> store.reports().callbacks(q(from, before,
          Dimension.QUEUE, Granularity.DAY, null)));
      reports.put("FCR by line, month", () -> store.reports().firstContact(q(from, before, Dimension.LINE,
          Granularity.TOTAL, null), Duration.ofDays(7), Map.of("expert", 2, "claims", 3)));
      reports.put("repeat contacts (200), month", () -> store.reports().repeatContacts(q(from, before,
          Dimension.TOTAL, Granularity.TOTAL, null), Duration.ofDays(7), 200));
      reports.put("announced-wait accuracy by queue, month", () -> store.reports().waitEstimates(q(from, before,
          Dimension.QUEUE, Granularity.TOTAL, null)));
      reports.put("planner profile (hour of day), month", () -> store.reports().calls(q(from, before,
          Dimension.TOTAL, Granularity.HOUR_OF_DAY, null)));
      boolean compare = Boolean.parseBoolean(options.getOrDefault("compare", "false"));
      System.out.printf("%-42s %-8s %9s %9s %9s %9s%n", "report", "reads", "cold ms", "median ms", "max ms",
          "cpu ms");
      for (var report : reports.entrySet()) {
        if (only != null && !report.getKey().contains(only)) {
          continue;
        }
        // Callbacks never read roll-ups (nor does the floor): timed once.
        boolean rolledUp = report.getKey().startsWith("calls") || report.getKey().startsWith("announced")
            || report.getKey().startsWith("planner") || report.getKey().startsWith("FCR")
            || report.getKey().startsWith("repeat");
        for (String reads : !rolledUp ? List.of("records") : compare ? List.of("rollups", "records")
            : List.of("rollups")) {
          // The server's switch (MongoReports.ROLLUPS_PROPERTY).
          System.setProperty("switchboard.reports.rollups", String.valueOf(reads.equals("rollups")));
          long cold = time(report.getValue());
          long[] warm = new long[runs];
          long cpu0 = cpuNanos();
          for (int i = 0; i < runs; i++) {
            warm[i] = time(report.getValue());
          }
          long cpu = (cpuNanos() - cpu0) / runs / 1_000_000;
          Arrays.sort(warm);
          System.out.printf("%-42s %-8s %9d %9d %9d %9d%n", report.getKey(), reads, cold, warm[runs / 2],
              warm[runs - 1], cpu);
        }
      }
      System.clearProperty("switchboard.reports.rollups");
      if (compare) {
        for (String name : List.of("FCR by line, month", "repeat contacts (200), month")) {
          if (only == null || name.contains(only)) {
            System.out.printf("%s: roll-ups give the records' figures: %b%n", name,
                sameBothWays(reports.get(name)));
          }
        }
      }
      resaveThenReport(store, raw, from, before);
    } finally {
      await(raw.close());
      await(store.close());
      await(vertx.close());
    }
  }

  /**
   * The write path's share: 1,000 records saved again through the store (as wrap-ups and ratings arriving), then
   * the first report after them, which recomputes their hours before answering.
   */
  private static void resaveThenReport(Store store, MongoClient raw, Instant from, Instant before) throws Exception {
    // The latest calls, as wrap-ups and ratings arrive for them: the hours they touch are recomputed.
    List<JsonObject> records = await(raw.findWithOptions("calls", new JsonObject(),
        new io.vertx.ext.mongo.FindOptions().setSort(new JsonObject().put("arrivedAt", -1)).setLimit(1000)));
    long t0 = System.nanoTime();
    long cpu0 = cpuNanos();
    List<Future<Void>> saves = new ArrayList<>();
    for (JsonObject r : records) {
      saves.add(store.saveCall(r));
    }
    await(Future.all(saves));
    long saveMs = (System.nanoTime() - t0) / 1_000_000;
    long saveCpu = (cpuNanos() - cpu0) / 1_000_000;
    t0 = System.nanoTime();
    cpu0 = cpuNanos();
    await(store.reports().calls(q(from, before, Dimension.QUEUE, Granularity.DAY, null)));
    long hours = records.stream().map(r -> r.getJsonObject("arrivedAt").getString("$date").substring(0, 13))
        .distinct().count();
    System.out.printf("re-saved %,d records of %d hours in %d ms (%d ms CPU); the next report (queue and day,"
        + " roll-ups brought up to date first) %d ms (%d ms CPU)%n", records.size(), hours, saveMs, saveCpu,
        (System.nanoTime() - t0) / 1_000_000, (cpuNanos() - cpu0) / 1_000_000);
  }

  /** The report's answer from the roll-ups and from the records: the same rows (or items), the same figures. */
  private static boolean sameBothWays(Supplier<Future<?>> report) throws Exception {
    System.setProperty("switchboard.reports.rollups", "true");
    Object rollups = await(report.get());
    System.setProperty("switchboard.reports.rollups", "false");
    Object records = await(report.get());
    System.clearProperty("switchboard.reports.rollups");
    return rollups.equals(records);
  }

  private static ReportQuery q(Instant from, Instant before, Dimension by, Granularity g, String queue) {
    return new ReportQuery(from, before, ZONE, by, g, queue, null, null, 20, 5);
  }

  /**
   * CPU time of this whole process (server, client and the database all run in it): on a busy machine the wall time
   * is mostly waiting for a core, the CPU time is what the report costs.
   */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long time(Supplier<Future<?>> report) throws Exception {
    long t0 = System.nanoTime();
    await(report.get());
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** Writes the calls (and a callback for one abandon in three) in batches of 2,000. */
  private static void insert(MongoClient client, int calls) throws Exception {
    Random random = new Random(7);
    List<BulkOperation> batch = new ArrayList<>();
    List<BulkOperation> callbacks = new ArrayList<>();
    for (int n = 0; n < calls; n++) {
      Instant dayStart = FIRST.plusDays(n % DAYS).atStartOfDay(ZONE).toInstant();
      // Arrivals through the working day, busiest late morning.
      double hour = 8 + Math.min(11.99, Math.abs(random.nextGaussian() * 3.5 + 3));
      Instant arrived = dayStart.plusMillis((long) (hour * 3_600_000));
      JsonObject call = call(random, "c-" + n, arrived);
      batch.add(BulkOperation.createInsert(call));
      if ("abandoned".equals(call.getString("outcome")) && random.nextInt(3) == 0) {
        callbacks.add(BulkOperation.createInsert(new JsonObject().put("_id", "cb-" + n)
            .put("number", call.getString("from")).put("queueId", call.getJsonObject("queue").getString("id"))
            .put("callId", "c-" + n).put("status", List.of("pending", "done", "failed").get(random.nextInt(3)))
            .put("attempts", random.nextInt(3)).put("requestedAt", call.getValue("endedAt"))
            .put("openKey", "cb-" + n)));
      }
      if (batch.size() == 2000) {
        await(client.bulkWrite("calls", batch));
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      await(client.bulkWrite("calls", batch));
    }
    if (!callbacks.isEmpty()) {
      await(client.bulkWrite("callbacks", callbacks));
    }
  }

  private static JsonObject call(Random random, String id, Instant arrived) {
    String queue = QUEUES.get(random.nextInt(QUEUES.size()));
    Instant queued = arrived.plusSeconds(random.nextInt(15));
    int kind = random.nextInt(100);
    boolean answered = kind < 85;
    Instant answeredAt = answered ? queued.plusSeconds(random.nextInt(60)) : null;
    Instant ended = answered ? answeredAt.plusSeconds(30 + random.nextInt(400)) : queued.plusSeconds(random.nextInt(90));
    String agent = answered ? "a-" + random.nextInt(40) : null;
    JsonArray timeline = new JsonArray()
        .add(new JsonObject().put("at", arrived.toString()).put("event", "arrived"))
        .add(new JsonObject().put("at", queued.toString()).put("event", "queued").put("queue", queue));
    if (random.nextInt(3) == 0) {
      timeline.add(new JsonObject().put("at", queued.plusSeconds(5).toString()).put("event", "announced")
          .put("position", 2).put("estimatedWaitSeconds", 20 + random.nextInt(60)));
    }
    JsonObject call = new JsonObject().put("_id", id).put("from", "+380441" + (100_000 + random.nextInt(40_000)))
        .put("to", random.nextBoolean() ? "+380445550000" : "+380445550001").put("trunk", "carrier")
        .put("queue", new JsonObject().put("id", queue).put("name", queue))
        .put("agent", agent == null ? null : new JsonObject().put("id", agent).put("name", "Agent " + agent))
        .put("arrivedAt", date(arrived)).put("queuedAt", date(queued)).put("answeredAt", date(answeredAt))
        .put("endedAt", date(ended)).put("outcome", answered ? "answered" : "abandoned")
        .put("talkSeconds", answered ? Duration.between(answeredAt, ended).toSeconds() : 0)
        .put("csat", answered && random.nextInt(3) == 0 ? new JsonObject().put("score", 1 + random.nextInt(5)) : null)
        .put("timeline", timeline);
    if (answered) {
      call.put("wrapUp", new JsonObject().put("disposition", "resolved")
          .put("firstContactResolution", random.nextInt(10) < 8).put("by", new JsonObject().put("id", agent))
          .put("at", date(ended.plusSeconds(random.nextInt(60)))));
    }
    return call;
  }

  private static JsonObject date(Instant instant) {
    return instant == null ? null : new JsonObject().put("$date", instant.toString());
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      out.put(args[i].substring(2), args[i + 1]);
    }
    return out;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
  }
}
