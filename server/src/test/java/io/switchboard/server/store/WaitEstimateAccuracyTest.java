package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.server.store.ReportQuery.Dimension;
import io.switchboard.server.store.ReportQuery.Granularity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Announced waits against real waits, from the timeline's {@code announced} events as call control writes them
 * ({@code AcdSteps.announce}): the first estimate a caller heard, compared with the time from it to the answer.
 */
@ExtendWith(VertxExtension.class)
class WaitEstimateAccuracyTest {

  private static final Instant T0 = Instant.parse("2026-11-10T09:00:00Z");

  @TempDir
  Path dir;

  @Test
  void firstSpokenEstimateOfEachAnsweredCall_againstTheWaitThatFollowed(Vertx vertx) throws Exception {
    Store store = await(TestStores.open(vertx, dir, TestStores.database()));
    try {
      await(Future.all(List.of(
          // Told 60 s ten seconds in, answered 90 s after that: 30 s longer than told.
          store.saveCall(call("a", "q1", 100, "answered", announced(10, 60))),
          // Told 120 s at once, answered after 60 s: 60 s sooner.
          store.saveCall(call("b", "q1", 60, "answered", announced(0, 120))),
          // Told a wait, then hung up: how long it would have taken is unknown.
          store.saveCall(call("c", "q1", null, "abandoned", announced(5, 30))),
          // Heard ringback (the estimate was not spoken): not an announcement.
          store.saveCall(call("d", "q1", 50, "answered", event("position", 5, 20))),
          // Told twice: the first estimate counts (30 s at +5 s, answered at +45 s: 10 s longer).
          store.saveCall(call("e", "q1", 45, "answered", announced(5, 30), announced(35, 5))),
          // Told its position only, no estimate: nothing to compare.
          store.saveCall(call("f", "q2", 30, "answered", event("announced", 5, null))))));

      List<ReportRow> rows = await(store.reports().waitEstimates(new ReportQuery(T0.minusSeconds(3600),
          T0.plusSeconds(86_400), ZoneOffset.UTC, Dimension.QUEUE, Granularity.TOTAL, null, null, null, 20, 5)));

      assertThat(rows).extracting(ReportRow::group).containsExactly("q1");
      JsonObject q1 = rows.get(0).figures();
      assertThat(q1.getLong("announcedCalls")).isEqualTo(3);
      assertThat(q1.getDouble("announcedSeconds")).isCloseTo((60 + 120 + 30) / 3.0, within(1e-9));
      assertThat(q1.getDouble("actualSeconds")).isCloseTo((90 + 60 + 40) / 3.0, within(1e-9));
      assertThat(q1.getDouble("errorSeconds")).isCloseTo((30 - 60 + 10) / 3.0, within(1e-9));
      assertThat(q1.getDouble("absoluteErrorSeconds")).isCloseTo((30 + 60 + 10) / 3.0, within(1e-9));
      assertThat(((Number) q1.getValue("worstUnderSeconds")).doubleValue()).isCloseTo(30, within(1e-9));
    } finally {
      await(store.close());
    }
  }

  private static JsonObject announced(int atSecond, Integer estimate) {
    return event("announced", atSecond, estimate);
  }

  private static JsonObject event(String name, int atSecond, Integer estimate) {
    return new JsonObject().put("at", T0.plusSeconds(atSecond).toString()).put("event", name).put("position", 1)
        .put("estimatedWaitSeconds", estimate);
  }

  /** Queued at T0; answered {@code answeredAfter} seconds later (or abandoned then when null). */
  private static JsonObject call(String id, String queue, Integer answeredAfter, String outcome, JsonObject... events) {
    JsonArray timeline = new JsonArray().add(new JsonObject().put("at", T0.toString()).put("event", "queued"));
    for (JsonObject e : events) {
      timeline.add(e);
    }
    Instant answered = answeredAfter == null ? null : T0.plusSeconds(answeredAfter);
    return new JsonObject().put("_id", id).put("from", "+4930111" + id.hashCode()).put("to", "+4930555000")
        .put("queue", new JsonObject().put("id", queue).put("name", queue)).put("outcome", outcome)
        .put("arrivedAt", GeneratedMonth.date(T0)).put("queuedAt", GeneratedMonth.date(T0))
        .put("answeredAt", GeneratedMonth.date(answered))
        .put("endedAt", GeneratedMonth.date(T0.plusSeconds(300))).put("timeline", timeline);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
