package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.server.store.ReportQuery.Dimension;
import io.switchboard.server.store.ReportQuery.Granularity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * First-contact resolution on crafted call sequences: marked resolved and no call from the same number within the
 * window, whatever that next call was and wherever it went, even past the report's range.
 */
@ExtendWith(VertxExtension.class)
class FirstContactTest {

  /** The report covers the ten days from D0. */
  private static final Instant D0 = Instant.parse("2026-11-02T00:00:00Z");
  private static final Instant END = D0.plus(Duration.ofDays(10));
  private static final Duration WEEK = Duration.ofDays(7);
  private static final Map<String, Integer> LINES = Map.of("expert", 2, "claims", 3);

  @TempDir
  Path dir;
  private Store store;

  @BeforeEach
  void open(Vertx vertx) throws Exception {
    store = await(TestStores.open(vertx, dir, TestStores.database()));
    List<Future<Void>> writes = new ArrayList<>();
    // A: resolved, but calls again two days later (to another queue): a repeat. The second call resolves it.
    writes.add(save("a1", "+4930000001", at(0, 10), "support", "a-alice", true));
    writes.add(save("a2", "+4930000001", at(2, 10), "expert", "a-bob", true));
    // B: resolved; calls again nine days later: outside the week, so resolved. The second call is not marked.
    writes.add(save("b1", "+4930000002", at(0, 9), "support", "a-alice", true));
    writes.add(save("b2", "+4930000002", at(9, 9), "support", "a-bob", false));
    // C: not marked resolved and never calls again.
    writes.add(save("c1", "+4930000003", at(1, 12), "support", "a-bob", false));
    // D: resolved, then hangs up in the queue an hour later: any call is a repeat contact.
    writes.add(save("d1", "+4930000004", at(3, 12), "claims", "a-alice", true));
    writes.add(abandoned("d2", "+4930000004", at(3, 13), "claims"));
    // E: resolved on the range's last day; calls again after the range ends, within the week.
    writes.add(save("e1", "+4930000005", at(9, 20), "expert", "a-bob", true));
    writes.add(save("e2", "+4930000005", at(12, 8), "support", "a-alice", true));
    // Anonymous callers cannot be followed: left out.
    writes.add(save("x1", "anonymous", at(4, 10), "support", "a-alice", true));
    // Before the range: not a contact of the report, even though a1 follows it within the week.
    writes.add(save("z1", "+4930000001", at(-1, 10), "support", "a-alice", true));
    await(Future.all(writes));
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
  }

  @Test
  void byLine_countsOnlyMarkedContactsWithoutARepeatWithinTheWeek() throws Exception {
    Map<String, JsonObject> rows = byGroup(await(store.reports().firstContact(query(Dimension.LINE), WEEK, LINES)));

    // L1 (support): a1 (repeat), b1 (resolved), b2 (not marked), c1 (not marked) → 1 of 4.
    assertRow(rows.get("L1"), 4, 2, 1, 1);
    // L2 (expert): a2 (resolved), e1 (repeat past the range's end) → 1 of 2.
    assertRow(rows.get("L2"), 2, 2, 1, 1);
    // L3 (claims): d1, followed by an abandoned call → 0 of 1.
    assertRow(rows.get("L3"), 1, 1, 0, 1);
    assertRow(rows.get("L1+L2"), 6, 4, 2, 2);
    assertThat(rows.get("L1+L2").getDouble("fcrRate")).isCloseTo(100.0 * 2 / 6, within(1e-9));
    assertThat(rows.get("L1+L2").getDouble("target")).isEqualTo(85.0);
  }

  @Test
  void byAgent_andOneQueue() throws Exception {
    Map<String, JsonObject> agents = byGroup(await(store.reports().firstContact(query(Dimension.AGENT), WEEK,
        LINES)));
    assertRow(agents.get("a-alice"), 3, 3, 1, 2); // a1 repeat, b1 resolved, d1 repeat
    assertRow(agents.get("a-bob"), 4, 2, 1, 1); // a2 resolved, b2 no, c1 no, e1 repeat

    ReportQuery support = new ReportQuery(D0, END, ZoneOffset.UTC, Dimension.QUEUE, Granularity.TOTAL, "support",
        null, null, 20, 5);
    Map<String, JsonObject> queues = byGroup(await(store.reports().firstContact(support, WEEK, LINES)));
    assertThat(queues).containsOnlyKeys("support");
    assertRow(queues.get("support"), 4, 2, 1, 1);
  }

  @Test
  void aShorterWindow_turnsTheTwoDayRepeatIntoAResolution() throws Exception {
    Map<String, JsonObject> rows = byGroup(await(store.reports().firstContact(query(Dimension.TOTAL),
        Duration.ofDays(1), LINES)));
    // Within one day only d1 → d2 repeats: a1, b1, a2, e1 resolved.
    assertRow(rows.get(null), 7, 5, 4, 1);
  }

  @Test
  void repeatContacts_listsEachRepeatWithTheCallThatFollowed() throws Exception {
    List<JsonObject> repeats = await(store.reports().repeatContacts(query(Dimension.TOTAL), WEEK, 100));

    assertThat(repeats).extracting(r -> r.getString("id")).containsExactly("a1", "d1", "e1");
    assertThat(repeats).extracting(r -> r.getString("nextId")).containsExactly("a2", "d2", "e2");
    assertThat(repeats.get(0).getString("from")).isEqualTo("+4930000001");
    assertThat(await(store.reports().repeatContacts(query(Dimension.TOTAL), WEEK, 1))).hasSize(1);
  }

  private static void assertRow(JsonObject row, long contacts, long marked, long resolved, long repeated) {
    assertThat(row).as("row").isNotNull();
    assertThat(row.getLong("contacts")).as("contacts").isEqualTo(contacts);
    assertThat(row.getLong("marked")).as("marked").isEqualTo(marked);
    assertThat(row.getLong("resolved")).as("resolved").isEqualTo(resolved);
    assertThat(row.getLong("repeated")).as("repeated").isEqualTo(repeated);
    assertThat(row.getDouble("fcrRate")).isCloseTo(100.0 * resolved / contacts, within(1e-9));
  }

  private static Map<String, JsonObject> byGroup(List<ReportRow> rows) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    rows.forEach(r -> out.put(r.group(), r.figures()));
    assertThat(out).hasSize(rows.size());
    return out;
  }

  private static ReportQuery query(Dimension by) {
    return new ReportQuery(D0, END, ZoneOffset.UTC, by, Granularity.TOTAL, null, null, null, 20, 5);
  }

  private static Instant at(int day, int hour) {
    return D0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
  }

  private Future<Void> save(String id, String from, Instant arrived, String queue, String agent, boolean fcr) {
    Instant answered = arrived.plusSeconds(15);
    Instant ended = answered.plusSeconds(120);
    return store.saveCall(base(id, from, arrived, queue).put("outcome", "answered")
        .put("agent", new JsonObject().put("id", agent).put("name", agent))
        .put("answeredAt", GeneratedMonth.date(answered)).put("endedAt", GeneratedMonth.date(ended))
        .put("wrapUp", new JsonObject().put("firstContactResolution", fcr)
            .put("by", new JsonObject().put("id", agent)).put("at", GeneratedMonth.date(ended.plusSeconds(30)))));
  }

  private Future<Void> abandoned(String id, String from, Instant arrived, String queue) {
    return store.saveCall(base(id, from, arrived, queue).put("outcome", "abandoned").putNull("agent")
        .putNull("answeredAt").put("endedAt", GeneratedMonth.date(arrived.plusSeconds(40))));
  }

  private static JsonObject base(String id, String from, Instant arrived, String queue) {
    return new JsonObject().put("_id", id).put("from", from).put("to", "+4930555000")
        .put("queue", new JsonObject().put("id", queue).put("name", queue))
        .put("arrivedAt", GeneratedMonth.date(arrived)).put("queuedAt", GeneratedMonth.date(arrived.plusSeconds(2)));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
