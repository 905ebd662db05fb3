package io.switchboard.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.acd.AgentState;
import io.switchboard.routing.acd.AgentStateChanged;
import io.switchboard.routing.acd.CallFinished;
import io.switchboard.routing.acd.Connect;
import io.switchboard.routing.acd.Enqueued;
import io.switchboard.routing.acd.Outcome;
import io.switchboard.routing.acd.Overflow;
import io.switchboard.routing.acd.OverflowReason;
import io.switchboard.routing.acd.OverflowTarget;
import io.switchboard.routing.config.ConfigurationFactory;
import io.switchboard.routing.config.RoutingConfiguration;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scripted day in Kyiv against {@link LiveStats}, every expected figure worked out by hand below. The events are
 * what call control reports (mostly the routing engine's decisions), at the times a fixed clock gives.
 *
 * <pre>
 * Queues: support (SL 20 s, target 80 %), sales (SL 30 s, target 90 %, red above 1 waiting call).
 * Agents: ann (support), bob (support, sales), cat (sales, never signs in).
 *
 * 06 Dec 23:50:00  c0 waits in support, abandons at 23:50:50 ........ yesterday in Kyiv: not counted today
 * 07 Dec 00:30:00  c3 waits in support, abandons at 00:30:08 (8 s) .. today in Kyiv (22:30 UTC the day before)
 *        09:00:00  ann, bob sign in and go Ready
 *        09:00:00  c1 → support; ann answers 09:00:12 (12 s); hangs up 09:03:12; wrap-up ends 09:03:42 (210 s)
 *        09:05:00  c2 → support; bob answers 09:05:35 (35 s); hangs up 09:09:35, no wrap-up           (240 s)
 *        09:12:00  c4 → support; abandons 09:12:45 (45 s); a callback is booked for it
 *        09:14:00  c9 → support; overflows to voicemail at 09:14:40: neither answered nor abandoned
 *        09:15:00  c5 → sales (caller +380441234567); bob answers 09:15:10 (10 s) and still talks at 09:17
 *        09:16:00  c6 → sales;  09:16:30 c7 → support;  09:16:50 c8 → sales: all three still wait at 09:17
 *        09:16:40  a supervisor puts ann Not ready "lunch"
 * Snapshot at 09:17:00.
 * </pre>
 */
class LiveStatsTest {

  private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
  private final MovableClock clock = new MovableClock(at(6, 23, 50, 0));
  private LiveStats stats;

  @BeforeEach
  void scriptedDay() {
    stats = new LiveStats(clock);
    stats.configure(configuration());

    // Yesterday (Kyiv): abandoned after 50 s. Must not count today.
    clock.set(at(6, 23, 50, 0));
    stats.decided(new Enqueued("c0", "support", 1));
    clock.set(at(6, 23, 50, 50));
    stats.decided(new CallFinished("c0", Outcome.ABANDONED, Duration.ofSeconds(50)));

    // 00:30 in Kyiv is still 6 December in UTC: today only in the hotline's zone.
    clock.set(at(7, 0, 30, 0));
    stats.decided(new Enqueued("c3", "support", 1));
    clock.set(at(7, 0, 30, 8));
    stats.decided(new CallFinished("c3", Outcome.ABANDONED, Duration.ofSeconds(8)));

    clock.set(at(7, 9, 0, 0));
    for (String agent : List.of("ann", "bob")) {
      stats.agentSignedIn(agent, agent, agent.toUpperCase());
      stats.decided(new AgentStateChanged(agent, AgentState.LOGGED_OUT, AgentState.NOT_READY, "login"));
      stats.decided(new AgentStateChanged(agent, AgentState.NOT_READY, AgentState.READY, "ready"));
    }

    // c1: answered within the threshold, 3 min talk, 30 s wrap-up.
    stats.callArrived("c1", "+4930111222");
    stats.decided(new Enqueued("c1", "support", 1));
    clock.set(at(7, 9, 0, 12));
    answer("c1", "ann", "support", 12);
    clock.set(at(7, 9, 3, 12));
    hangUp("c1", "ann", 12, true);
    clock.set(at(7, 9, 3, 42));
    stats.decided(new AgentStateChanged("ann", AgentState.WRAP_UP, AgentState.READY, "wrap-up over"));
    stats.callEnded("c1");

    // c2: answered after the threshold, 4 min talk, no wrap-up.
    clock.set(at(7, 9, 5, 0));
    stats.decided(new Enqueued("c2", "support", 1));
    clock.set(at(7, 9, 5, 35));
    answer("c2", "bob", "support", 35);
    clock.set(at(7, 9, 9, 35));
    hangUp("c2", "bob", 35, false);
    stats.callEnded("c2");

    // c4: abandoned after the threshold; the caller gets a callback.
    clock.set(at(7, 9, 12, 0));
    stats.decided(new Enqueued("c4", "support", 1));
    clock.set(at(7, 9, 12, 45));
    stats.decided(new CallFinished("c4", Outcome.ABANDONED, Duration.ofSeconds(45)));
    stats.callbackBooked("c4", "support");
    stats.callEnded("c4");

    // c9: overflows to voicemail after 40 s: no figure of the service level.
    clock.set(at(7, 9, 14, 0));
    stats.decided(new Enqueued("c9", "support", 1));
    clock.set(at(7, 9, 14, 40));
    stats.decided(new Overflow("c9", "support", OverflowTarget.voicemail(), OverflowReason.MAX_WAIT));
    stats.decided(new CallFinished("c9", Outcome.VOICEMAIL, Duration.ofSeconds(40)));

    // c5: answered in sales within its 30 s, still talking.
    clock.set(at(7, 9, 15, 0));
    stats.callArrived("c5", "+380441234567");
    stats.decided(new Enqueued("c5", "sales", 1));
    clock.set(at(7, 9, 15, 10));
    answer("c5", "bob", "sales", 10);

    clock.set(at(7, 9, 16, 0));
    stats.decided(new Enqueued("c6", "sales", 1));
    clock.set(at(7, 9, 16, 30));
    stats.decided(new Enqueued("c7", "support", 1));
    clock.set(at(7, 9, 16, 40));
    stats.decided(new AgentStateChanged("ann", AgentState.READY, AgentState.NOT_READY, "lunch"));
    clock.set(at(7, 9, 16, 50));
    stats.decided(new Enqueued("c8", "sales", 2));

    clock.set(at(7, 9, 17, 0));
  }

  @Test
  void support_serviceLevelAsaAhtAbandonRate() {
    JsonObject support = queue(stats.snapshot().toJson(LiveConfig.DEFAULT), "support");

    // Answered: c1 (12 s ≤ 20: within), c2 (35 s > 20). Abandoned today: c3 (8 s, short), c4 (45 s > 20: after).
    assertThat(support.getLong("answered")).isEqualTo(2);
    assertThat(support.getLong("answeredWithinThreshold")).isEqualTo(1);
    assertThat(support.getLong("abandoned")).isEqualTo(2);
    assertThat(support.getLong("abandonedAfterThreshold")).isEqualTo(1);
    // SL = within ÷ (answered + abandoned after) = 1 ÷ (2 + 1) = 33.3 %; below the 80 % target: red.
    assertThat(support.getDouble("serviceLevel")).isEqualTo(33.3);
    assertThat(support.getLong("serviceLevelSeconds")).isEqualTo(20);
    assertThat(support.getJsonArray("alerts").getList()).containsExactly("service_level");
    // ASA = (12 + 35) ÷ 2 = 23.5 s.
    assertThat(support.getDouble("asaSeconds")).isEqualTo(23.5);
    // AHT = (c1: 180 talk + 30 wrap-up = 210) + (c2: 240) = 450 ÷ 2 = 225 s.
    assertThat(support.getLong("handled")).isEqualTo(2);
    assertThat(support.getDouble("ahtSeconds")).isEqualTo(225.0);
    // Abandon rate = 2 ÷ (2 + 2) = 50 %.
    assertThat(support.getDouble("abandonRate")).isEqualTo(50.0);
    assertThat(support.getLong("callbacksBooked")).isEqualTo(1);
    // Waiting: c7 since 09:16:30 → 30 s at 09:17:00.
    assertThat(support.getInteger("waiting")).isEqualTo(1);
    assertThat(support.getLong("longestWaitSeconds")).isEqualTo(30);
    // Members: ann Not ready (lunch), bob on call.
    assertThat(support.getJsonObject("agents")).isEqualTo(new JsonObject().put("ready", 0).put("ringing", 0)
        .put("onCall", 1).put("wrapUp", 0).put("notReady", 1).put("notReadyByReason", new JsonObject()
            .put("lunch", 1)).put("offline", 0));
  }

  @Test
  void sales_withinItsOwnThreshold_andRedForWaitingCalls() {
    JsonObject sales = queue(stats.snapshot().toJson(LiveConfig.DEFAULT), "sales");

    // c5 answered after 10 s ≤ 30: SL = 1 ÷ (1 + 0) = 100 %, ASA 10 s, nobody abandoned (0 ÷ 1 = 0 %).
    assertThat(sales.getDouble("serviceLevel")).isEqualTo(100.0);
    assertThat(sales.getLong("serviceLevelSeconds")).isEqualTo(30);
    assertThat(sales.getDouble("asaSeconds")).isEqualTo(10.0);
    assertThat(sales.getDouble("abandonRate")).isEqualTo(0.0);
    // c5 is still being talked on: no handled call, no AHT yet.
    assertThat(sales.getLong("handled")).isZero();
    assertThat(sales.getValue("ahtSeconds")).isNull();
    // c6 (since 09:16:00, 60 s) and c8 wait: 2 > the alert's 1.
    assertThat(sales.getInteger("waiting")).isEqualTo(2);
    assertThat(sales.getLong("longestWaitSeconds")).isEqualTo(60);
    assertThat(sales.getJsonArray("alerts").getList()).containsExactly("waiting");
    // Members: bob on call, cat never signed in.
    assertThat(sales.getJsonObject("agents").getInteger("onCall")).isEqualTo(1);
    assertThat(sales.getJsonObject("agents").getInteger("offline")).isEqualTo(1);
  }

  @Test
  void total_addsTheQueuesCallByCall() {
    JsonObject total = stats.snapshot().toJson(LiveConfig.DEFAULT).getJsonObject("total");

    // Answered 3 (c1, c2, c5), within 2 (c1, c5); abandoned 2 (c3, c4), after 1 (c4).
    // SL = 2 ÷ (3 + 1) = 50 %. ASA = (12 + 35 + 10) ÷ 3 = 19 s. AHT = 450 ÷ 2 = 225 s. Abandon = 2 ÷ 5 = 40 %.
    assertThat(total.getDouble("serviceLevel")).isEqualTo(50.0);
    assertThat(total.getDouble("asaSeconds")).isEqualTo(19.0);
    assertThat(total.getDouble("ahtSeconds")).isEqualTo(225.0);
    assertThat(total.getDouble("abandonRate")).isEqualTo(40.0);
    assertThat(total.getLong("answered")).isEqualTo(3);
    assertThat(total.getLong("abandoned")).isEqualTo(2);
    assertThat(total.getLong("callbacksBooked")).isEqualTo(1);
    // Waiting: c6, c7, c8; the longest is c6's 60 s.
    assertThat(total.getInteger("waiting")).isEqualTo(3);
    assertThat(total.getLong("longestWaitSeconds")).isEqualTo(60);
    // ann Not ready (lunch), bob on call, cat offline.
    assertThat(total.getJsonObject("agents")).isEqualTo(new JsonObject().put("ready", 0).put("ringing", 0)
        .put("onCall", 1).put("wrapUp", 0).put("notReady", 1).put("notReadyByReason", new JsonObject()
            .put("lunch", 1)).put("offline", 1));
    assertThat(total.getJsonArray("alerts").getList()).containsExactly("queue");
  }

  @Test
  void agentsBoard_stateTimeInStateCallAndHandledToday() {
    JsonObject json = stats.snapshot().toJson(LiveConfig.DEFAULT);
    JsonObject ann = agent(json, "ann");
    JsonObject bob = agent(json, "bob");

    assertThat(ann.getString("name")).isEqualTo("ANN");
    assertThat(ann.getString("state")).isEqualTo("not_ready");
    assertThat(ann.getString("reason")).isEqualTo("lunch");
    assertThat(ann.getString("since")).isEqualTo(at(7, 9, 16, 40).toString());
    assertThat(ann.getValue("call")).isNull();
    // ann handled c1: 210 s.
    assertThat(ann.getLong("handledToday")).isEqualTo(1);
    assertThat(ann.getDouble("ahtSeconds")).isEqualTo(210.0);

    assertThat(bob.getString("state")).isEqualTo("on_call");
    assertThat(bob.getString("since")).isEqualTo(at(7, 9, 15, 10).toString());
    JsonObject call = bob.getJsonObject("call");
    assertThat(call.getString("id")).isEqualTo("c5");
    assertThat(call.getJsonObject("queue").getString("name")).isEqualTo("Sales");
    // +380441234567 has 12 digits; the last 4 show.
    assertThat(call.getString("caller")).isEqualTo("+••••••••4567");
    assertThat(call.getString("since")).isEqualTo(at(7, 9, 15, 10).toString());
    // bob handled c2 (240 s); c5 is not over yet.
    assertThat(bob.getLong("handledToday")).isEqualTo(1);
    assertThat(bob.getDouble("ahtSeconds")).isEqualTo(240.0);

    assertThat(agent(json, "cat").getString("state")).isEqualTo("logged_out");
    assertThat(agent(stats.snapshot().toJson(new LiveConfig(KYIV, 0)), "bob").getJsonObject("call")
        .getValue("caller")).isNull();
  }

  @Test
  void supervisorOfCat_seesSalesOnly_andTotalsOfSalesOnly() {
    JsonObject json = stats.snapshot("cat"::equals).toJson(LiveConfig.DEFAULT);

    assertThat(json.getJsonArray("queues").stream().map(q -> ((JsonObject) q).getString("id")).toList())
        .containsExactly("sales");
    assertThat(json.getJsonArray("agents").stream().map(a -> ((JsonObject) a).getString("id")).toList())
        .containsExactly("cat");
    JsonObject total = json.getJsonObject("total");
    assertThat(total.getLong("answered")).isEqualTo(1);
    assertThat(total.getInteger("waiting")).isEqualTo(2);
    assertThat(total.getJsonObject("agents").getInteger("offline")).isEqualTo(1);
    assertThat(total.getJsonObject("agents").getInteger("onCall")).isZero();
  }

  @Test
  void nextDayInKyiv_countersStartAgain_butWaitingCallsAndStatesStay() {
    clock.set(at(8, 0, 0, 1));
    JsonObject json = stats.snapshot().toJson(LiveConfig.DEFAULT);

    JsonObject total = json.getJsonObject("total");
    assertThat(json.getString("day")).isEqualTo("2026-12-08");
    assertThat(total.getLong("answered")).isZero();
    assertThat(total.getLong("abandoned")).isZero();
    assertThat(total.getValue("serviceLevel")).isNull();
    assertThat(total.getInteger("waiting")).isEqualTo(3);
    assertThat(agent(json, "ann").getLong("handledToday")).isZero();
    assertThat(agent(json, "bob").getString("state")).isEqualTo("on_call");
  }

  @Test
  void midnightWithoutAnEvent_theDayCheckStartsTheNewDayAndTellsTheListeners() {
    AtomicInteger changes = new AtomicInteger();
    stats.onChange(changes::incrementAndGet);
    stats.checkDay();
    assertThat(changes).as("still the 7th in Kyiv").hasValue(0);

    clock.set(at(8, 0, 0, 30));
    stats.checkDay();
    stats.checkDay();

    assertThat(changes).as("once").hasValue(1);
    assertThat(stats.snapshot().toJson(LiveConfig.DEFAULT).getJsonObject("total").getLong("answered")).isZero();
  }

  @Test
  void everyEventThatMovesAFigure_tellsTheListeners() {
    AtomicInteger changes = new AtomicInteger();
    stats.onChange(changes::incrementAndGet);

    stats.decided(new Enqueued("c10", "support", 2));
    stats.decided(new CallFinished("c10", Outcome.ABANDONED, Duration.ofSeconds(1)));

    assertThat(changes).hasValue(2);
  }

  // ---------------------------------------------------------------- the script's steps

  private void answer(String call, String agent, String queue, int waitedSeconds) {
    stats.decided(new AgentStateChanged(agent, AgentState.READY, AgentState.RINGING, "offer"));
    stats.decided(new AgentStateChanged(agent, AgentState.RINGING, AgentState.ON_CALL, "answered " + call));
    stats.decided(new Connect(call, agent, queue, Duration.ofSeconds(waitedSeconds)));
  }

  /** As the engine's hangUp: the call finishes answered, the agent goes to wrap-up or straight back to Ready. */
  private void hangUp(String call, String agent, int waitedSeconds, boolean wrapUp) {
    stats.decided(new CallFinished(call, Outcome.ANSWERED, Duration.ofSeconds(waitedSeconds)));
    stats.decided(new AgentStateChanged(agent, AgentState.ON_CALL, wrapUp ? AgentState.WRAP_UP : AgentState.READY,
        "call ended"));
  }

  private static RoutingConfiguration configuration() {
    return ConfigurationFactory.create(1, Map.of(
        "queue", List.of(
            Map.of("id", "support", "name", "Support", "serviceLevelSeconds", 20),
            Map.of("id", "sales", "name", "Sales", "serviceLevelSeconds", 30, "serviceLevelTarget", 90,
                "alertWaitingCalls", 1)),
        "agent", List.of(
            Map.of("id", "ann", "queues", List.of("support")),
            Map.of("id", "bob", "queues", List.of("support", "sales")),
            Map.of("id", "cat", "queues", List.of("sales")))));
  }

  private static JsonObject queue(JsonObject snapshot, String id) {
    return snapshot.getJsonArray("queues").stream().map(JsonObject.class::cast)
        .filter(q -> q.getString("id").equals(id)).findFirst().orElseThrow();
  }

  private static JsonObject agent(JsonObject snapshot, String id) {
    return snapshot.getJsonArray("agents").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("id").equals(id)).findFirst().orElseThrow();
  }

  private static Instant at(int day, int hour, int minute, int second) {
    return LocalDateTime.of(2026, 12, day, hour, minute, second).atZone(KYIV).toInstant();
  }

  /** A clock the script moves; in the hotline's zone. */
  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return KYIV;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
