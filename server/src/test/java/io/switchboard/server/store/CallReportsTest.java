package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.server.store.GeneratedMonth.Gen;
import io.switchboard.server.store.ReportQuery.Dimension;
import io.switchboard.server.store.ReportQuery.Granularity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calls report's pipeline on a generated month (embedded MongoDB, or {@code MONGODB_URI}): every figure is
 * worked out again here by plain loops over the generated calls, with java.time for the hotline's days, weeks and
 * hours, and compared row by row.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallReportsTest {

  private static final int SL_MS = 20_000;
  private static final int SHORT_MS = 5_000;

  @TempDir
  static Path dir;
  private Store store;
  private GeneratedMonth month;

  @BeforeAll
  void seed() throws Exception {
    Vertx vertx = Vertx.vertx();
    store = await(TestStores.open(vertx, dir, TestStores.database()));
    month = new GeneratedMonth(60, 42);
    List<Future<Void>> writes = new ArrayList<>();
    for (Gen g : month.calls) {
      writes.add(store.saveCall(GeneratedMonth.record(g)));
    }
    await(Future.all(writes));
  }

  @AfterAll
  void close() throws Exception {
    await(store.close());
  }

  @Test
  void byQueueAndDay_everyFigureMatchesTheLoops() throws Exception {
    DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    Map<String, Expected> expected = expect(g -> g.queue() + "|" + day.format(g.arrivedAt().atZone(GeneratedMonth.ZONE)));

    List<ReportRow> rows = await(store.reports().calls(query(Dimension.QUEUE, Granularity.DAY, null)));

    assertMatches(rows, expected);
    assertThat(rows.stream().map(ReportRow::period).distinct()).hasSize(GeneratedMonth.DAYS);
  }

  @Test
  void byAgentAndIsoWeek_matchesTheLoops() throws Exception {
    Map<String, Expected> expected = expect(g -> g.agent() + "|" + week(g));
    assertMatches(await(store.reports().calls(query(Dimension.AGENT, Granularity.WEEK, null))), expected);
  }

  @Test
  void byEntryPointAndHour_matchesTheLoops() throws Exception {
    DateTimeFormatter hour = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00");
    Map<String, Expected> expected = expect(g -> g.to() + "|" + hour.format(g.arrivedAt().atZone(GeneratedMonth.ZONE)));
    assertMatches(await(store.reports().calls(query(Dimension.ENTRY, Granularity.HOUR, null))), expected);
  }

  @Test
  void oneQueue_wholeRange_matchesTheLoops() throws Exception {
    Map<String, Expected> expected = new TreeMap<>();
    for (Gen g : month.calls) {
      if ("sales".equals(g.queue()) && !"in_progress".equals(g.outcome())) {
        expected.computeIfAbsent("null|null", k -> new Expected()).add(g);
      }
    }
    List<ReportRow> rows = await(store.reports().calls(query(Dimension.TOTAL, Granularity.TOTAL, "sales")));
    assertThat(rows).hasSize(1);
    assertMatches(rows, expected);
  }

  @Test
  void hourOfDayProfile_addsUpToTheWholeMonth() throws Exception {
    List<ReportRow> rows = await(store.reports().calls(query(Dimension.TOTAL, Granularity.HOUR_OF_DAY, null)));
    assertThat(rows).hasSize(24);
    long offered = month.calls.stream().filter(g -> g.queuedAt() != null && !"in_progress".equals(g.outcome()))
        .count();
    assertThat(rows.stream().mapToLong(r -> r.figures().getLong("offered")).sum()).isEqualTo(offered);
  }

  private ReportQuery query(Dimension by, Granularity granularity, String queue) {
    return new ReportQuery(month.start(), month.end(), GeneratedMonth.ZONE, by, granularity, queue, null, null,
        SL_MS / 1000, SHORT_MS / 1000);
  }

  private static String week(Gen g) {
    var local = g.arrivedAt().atZone(GeneratedMonth.ZONE);
    return String.format("%d-W%02d", local.get(IsoFields.WEEK_BASED_YEAR), local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private Map<String, Expected> expect(Function<Gen, String> key) {
    Map<String, Expected> expected = new TreeMap<>();
    for (Gen g : month.calls) {
      if (!"in_progress".equals(g.outcome())) {
        expected.computeIfAbsent(key.apply(g), k -> new Expected()).add(g);
      }
    }
    return expected;
  }

  private static void assertMatches(List<ReportRow> rows, Map<String, Expected> expected) {
    Map<String, JsonObject> actual = new TreeMap<>();
    rows.forEach(r -> actual.put(r.group() + "|" + r.period(), r.figures()));
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((key, e) -> {
      JsonObject f = actual.get(key);
      String where = "row " + key;
      assertThat(f.getLong("calls")).as(where + " calls").isEqualTo(e.calls);
      assertThat(f.getLong("offered")).as(where + " offered").isEqualTo(e.offered);
      assertThat(f.getLong("answered")).as(where + " answered").isEqualTo(e.answered);
      assertThat(f.getLong("abandoned")).as(where + " abandoned").isEqualTo(e.abandoned);
      assertThat(f.getLong("abandonedShort")).as(where + " short abandons").isEqualTo(e.abandonedShort);
      assertThat(f.getLong("voicemails")).as(where + " voicemails").isEqualTo(e.voicemails);
      assertThat(f.getLong("transfers")).as(where + " transfers").isEqualTo(e.transfers);
      assertThat(f.getLong("csatCount")).as(where + " ratings").isEqualTo(e.csatCount);
      for (int s = 1; s <= 5; s++) {
        assertThat(f.getLong("csat" + s)).as(where + " csat " + s).isEqualTo(e.csat[s]);
      }
      close(f, "serviceLevel", e.answered + e.abandonedAfterSl == 0 ? null
          : 100.0 * e.answeredInSl / (e.answered + e.abandonedAfterSl), where);
      close(f, "serviceLevelAnswered", e.answered == 0 ? null : 100.0 * e.answeredInSl / e.answered, where);
      close(f, "asaSeconds", e.answered == 0 ? null : e.waitAnsweredMs / 1000.0 / e.answered, where);
      close(f, "ahtSeconds", e.answered == 0 ? null : (e.connectedMs + e.wrapMs) / 1000.0 / e.answered, where);
      close(f, "holdSeconds", e.answered == 0 ? null : (double) e.hold / e.answered, where);
      close(f, "longestWaitSeconds", e.longestWaitMs / 1000.0, where);
      close(f, "csatAverage", e.csatCount == 0 ? null : (double) e.csatSum / e.csatCount, where);
      close(f, "abandonRate", e.offered == 0 ? null : 100.0 * e.abandoned / e.offered, where);
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

  /** The figures of one row, summed call by call. */
  private static final class Expected {
    long calls;
    long offered;
    long answered;
    long abandoned;
    long abandonedShort;
    long answeredInSl;
    long abandonedAfterSl;
    long waitAnsweredMs;
    long longestWaitMs;
    long connectedMs;
    long wrapMs;
    long hold;
    long voicemails;
    long transfers;
    long csatCount;
    long csatSum;
    final long[] csat = new long[6];

    void add(Gen g) {
      calls++;
      boolean queued = g.queuedAt() != null;
      boolean answeredCall = g.answeredAt() != null;
      boolean abandonedCall = "abandoned".equals(g.outcome()) && queued;
      offered += queued ? 1 : 0;
      Long wait = null;
      if (answeredCall) {
        wait = Duration.between(g.queuedAt(), g.answeredAt()).toMillis();
      } else if (abandonedCall) {
        wait = Duration.between(g.queuedAt(), g.endedAt()).toMillis();
      }
      if (wait != null) {
        longestWaitMs = Math.max(longestWaitMs, wait);
      }
      if (answeredCall) {
        answered++;
        waitAnsweredMs += wait;
        answeredInSl += wait <= SL_MS ? 1 : 0;
        connectedMs += Duration.between(g.answeredAt(), g.endedAt()).toMillis();
        if (g.wrapUpAt() != null && g.agent().equals(g.wrapUpBy())) {
          wrapMs += Math.min(Math.max(Duration.between(g.endedAt(), g.wrapUpAt()).toMillis(), 0), 1_800_000);
        }
      }
      if (abandonedCall) {
        abandoned++;
        abandonedShort += wait <= SHORT_MS ? 1 : 0;
        abandonedAfterSl += wait > SL_MS ? 1 : 0;
      }
      hold += g.holdSeconds();
      voicemails += g.voicemail() ? 1 : 0;
      transfers += g.transfers();
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
