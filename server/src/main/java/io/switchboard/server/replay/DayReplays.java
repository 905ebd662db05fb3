package io.switchboard.server.replay;

import io.switchboard.routing.config.RoutingConfiguration;
import io.switchboard.routing.replay.AgentShift;
import io.switchboard.routing.replay.DayReplay;
import io.switchboard.routing.replay.PatienceModel;
import io.switchboard.routing.replay.QueueFigures;
import io.switchboard.routing.replay.RecordedCall;
import io.switchboard.routing.replay.ReplayResult;
import io.switchboard.routing.replay.ReplayedCall;
import io.switchboard.server.routingconfig.ConfigDraft;
import io.switchboard.server.routingconfig.RoutingConfigStore;
import io.switchboard.server.store.CallQuery;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Replays a recorded day (docs/routing.md, "Replay"): the day's history records, the configuration in force now
 * ("before") and a draft of it ("after", not saved), both run through the routing engine in simulated time on a
 * worker thread, figures per queue side by side.
 */
public final class DayReplays {

  /** A day's records are read in pages of this many. */
  private static final int PAGE = 2000;
  /** More calls than this in one day is refused rather than replayed (the records are held in memory). */
  static final int MAX_CALLS = 200_000;
  /** The seed of the patience draws and of the engine's random strategies: the same request gives the same answer. */
  private static final long SEED = 20_260_101L;

  private final Vertx vertx;
  private final Store store;
  private final RoutingConfigStore configs;
  private final ZoneId zone;

  public DayReplays(Vertx vertx, Store store, RoutingConfigStore configs, ZoneId zone) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.store = Objects.requireNonNull(store, "store");
    this.configs = Objects.requireNonNull(configs, "configs");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * Replays {@code day} (in the hotline's zone) before and after {@code changes}, without {@code absentAgents}
   * after. Empty when no call was recorded that day.
   */
  public Future<java.util.Optional<JsonObject>> replay(LocalDate day, List<ConfigDraft.Change> changes,
      Set<String> absentAgents) {
    RoutingConfiguration before = configs.current();
    Instant from = day.atStartOfDay(zone).toInstant();
    Instant until = day.plusDays(1).atStartOfDay(zone).toInstant();
    return ConfigDraft.build(configs, changes).compose(after -> records(
        new CallQuery(from, until, null, null, null, null, null, null, PAGE), new ArrayList<>())
        .compose(records -> records.isEmpty() ? Future.succeededFuture(java.util.Optional.empty())
            : vertx.executeBlocking(() -> java.util.Optional.of(
                run(day, RecordedDay.of(records), before, after, absentAgents)), false)));
  }

  private Future<List<JsonObject>> records(CallQuery query, List<JsonObject> into) {
    return store.findCalls(query).compose(page -> {
      into.addAll(page);
      if (into.size() > MAX_CALLS) {
        return Future.failedFuture(new IllegalArgumentException("more than " + MAX_CALLS + " calls that day"));
      }
      if (page.size() < query.limit()) {
        return Future.succeededFuture(into);
      }
      JsonObject last = page.get(page.size() - 1);
      return records(query.after(RecordedDay.instant(last.getValue("arrivedAt")), last.getString("_id")), into);
    });
  }

  private JsonObject run(LocalDate day, RecordedDay recorded, RoutingConfiguration before,
      RoutingConfiguration after, Set<String> absentAgents) {
    PatienceModel patience = PatienceModel.fit(recorded.calls(), SEED);
    ReplayResult b = DayReplay.run(before, recorded.calls(), recorded.shifts(), patience, SEED);
    List<AgentShift> staffed = recorded.shifts().stream().filter(s -> !absentAgents.contains(s.agentId())).toList();
    ReplayResult a = DayReplay.run(after, recorded.calls(), staffed, patience, SEED);
    List<ReplayedCall> asRecorded = new ArrayList<>();
    for (RecordedCall c : recorded.calls()) {
      if (c.queueId() != null) {
        asRecorded.add(new ReplayedCall(c.id(), c.queueId(), c.agentId(), c.outcome(),
            c.waited() == null ? Duration.ZERO : c.waited()));
      }
    }
    return new JsonObject()
        .put("day", day.toString()).put("zone", zone.getId())
        .put("calls", recorded.calls().size())
        .put("agents", new JsonArray(recorded.shifts().stream().map(AgentShift::agentId).toList()))
        .put("absentAgents", new JsonArray(List.copyOf(absentAgents)))
        .put("patience", patience(patience))
        .put("recorded", figures(ReplayResult.figures(before, asRecorded)))
        .put("before", side(before, b, recorded.calls()))
        .put("after", side(after, a, recorded.calls()).put("callsRoutedDifferently", differing(b, a)));
  }

  private static JsonObject patience(PatienceModel p) {
    return new JsonObject().put("model", "exponential, maximum likelihood with answered callers' waits censored")
        .put("abandoned", p.abandoned()).put("exposureSeconds", p.exposure().toMillis() / 1000.0)
        .put("meanSeconds", p.meanPatience().map(d -> d.toMillis() / 1000.0).orElse(null));
  }

  private static JsonObject side(RoutingConfiguration config, ReplayResult r, List<RecordedCall> recorded) {
    Map<String, String> agentOf = new HashMap<>();
    recorded.forEach(c -> agentOf.put(c.id(), c.agentId() == null ? c.outcome() : c.agentId()));
    long same = r.calls().stream().filter(c -> Objects.equals(agentOf.get(c.id()),
        c.agentId() == null ? c.outcome() : c.agentId())).count();
    return new JsonObject().put("revision", config.revision())
        .put("queues", figures(r.queues()))
        .put("callsAsRecorded", same)
        .put("rejectedEvents", new JsonArray(r.rejections()))
        .put("speed", new JsonObject().put("simulatedSeconds", r.simulated().toSeconds())
            .put("computedMillis", r.computed().toMillis()).put("timesRealTime", Math.round(r.speedUp())));
  }

  private static long differing(ReplayResult b, ReplayResult a) {
    Map<String, ReplayedCall> before = new HashMap<>();
    b.calls().forEach(c -> before.put(c.id(), c));
    return a.calls().stream().filter(c -> {
      ReplayedCall o = before.get(c.id());
      return o == null || !Objects.equals(o.agentId(), c.agentId()) || !Objects.equals(o.outcome(), c.outcome());
    }).count();
  }

  private static JsonArray figures(Map<String, QueueFigures> queues) {
    JsonArray out = new JsonArray();
    queues.values().forEach(f -> out.add(new JsonObject().put("queue", f.queueId()).put("offered", f.offered())
        .put("answered", f.answered()).put("abandoned", f.abandoned())
        .put("serviceLevel", finite(f.serviceLevel())).put("asaSeconds", finite(f.averageSpeedOfAnswer()))
        .put("abandonRate", finite(f.abandonRate()))
        .put("serviceLevelSeconds", f.threshold().toSeconds())));
    return out;
  }

  private static Double finite(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 10) / 10.0;
  }
}
