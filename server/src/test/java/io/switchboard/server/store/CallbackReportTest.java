package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.store.ReportQuery.Dimension;
import io.switchboard.server.store.ReportQuery.Granularity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Callbacks booked, dialled and reached, by queue and by the entry point of the call that booked them. */
@ExtendWith(VertxExtension.class)
class CallbackReportTest {

  private static final Instant T0 = Instant.parse("2026-11-10T09:00:00Z");

  @TempDir
  Path dir;

  @Test
  void bookedDialledReached_byQueue_andByEntryPointThroughTheBookingCall(Vertx vertx) throws Exception {
    Store store = await(TestStores.open(vertx, dir, TestStores.database()));
    try {
      await(Future.all(List.of(
          store.saveCall(call("c1", "+4930555000")), store.saveCall(call("c2", "+4930555001")),
          store.saveCall(call("c3", "+4930555000")), store.saveCall(call("c4", "+4930555000")))));
      await(store.callbacks().save(callback("cb1", "+4930111001", "support", "c1", "pending", 0, 0)));
      await(store.callbacks().save(callback("cb2", "+4930111002", "support", "c2", "failed", 2, 1)));
      await(store.callbacks().save(callback("cb3", "+4930111003", "sales", "c3", "done", 1, 2)));
      await(store.callbacks().save(callback("cb4", "+4930111004", "support", "c4", "pending", 1, 3)));
      // Booked the day before the range: not counted.
      await(store.callbacks().save(callback("cb5", "+4930111005", "support", "c4", "done", 1, -30)));

      ReportQuery byQueue = new ReportQuery(T0, T0.plusSeconds(86_400), ZoneOffset.UTC, Dimension.QUEUE,
          Granularity.TOTAL, null, null, null, 20, 5);
      Map<String, JsonObject> queues = byGroup(await(store.reports().callbacks(byQueue)));
      assertThat(queues.get("support").getLong("callbacksBooked")).isEqualTo(3);
      assertThat(queues.get("support").getLong("callbacksDialled")).isEqualTo(2); // failed after 2, pending after 1
      assertThat(queues.get("support").getLong("callbacksReached")).isZero();
      assertThat(queues.get("sales").getLong("callbacksReached")).isEqualTo(1);

      ReportQuery byEntry = new ReportQuery(T0, T0.plusSeconds(86_400), ZoneOffset.UTC, Dimension.ENTRY,
          Granularity.TOTAL, null, null, null, 20, 5);
      Map<String, JsonObject> entries = byGroup(await(store.reports().callbacks(byEntry)));
      assertThat(entries.get("+4930555000").getLong("callbacksBooked")).isEqualTo(3);
      assertThat(entries.get("+4930555001").getLong("callbacksBooked")).isEqualTo(1);
    } finally {
      await(store.close());
    }
  }

  private static Map<String, JsonObject> byGroup(List<ReportRow> rows) {
    return rows.stream().collect(Collectors.toMap(ReportRow::group, ReportRow::figures));
  }

  private static JsonObject callback(String id, String number, String queue, String callId, String status,
      int attempts, int minutes) {
    return new JsonObject().put("_id", id).put("number", number).put("queueId", queue).put("callId", callId)
        .put("status", status).put("attempts", attempts).put("priority", 0).put("reason", "abandoned")
        .put("requestedAt", GeneratedMonth.date(T0.plusSeconds(60L * minutes)))
        .put("updatedAt", GeneratedMonth.date(T0)).putNull("assignedTo").putNull("customerId").putNull("notes");
  }

  private static JsonObject call(String id, String to) {
    return new JsonObject().put("_id", id).put("from", "+4930111" + id).put("to", to).put("outcome", "abandoned")
        .put("arrivedAt", GeneratedMonth.date(T0)).put("endedAt", GeneratedMonth.date(T0.plusSeconds(30)));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
