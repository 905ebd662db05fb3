package io.switchboard.server.live;

import io.switchboard.routing.acd.AgentState;
import io.switchboard.routing.config.QueueTargets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live figures at one instant, as {@link LiveStats} computed them for one viewer; immutable. {@link #toJson}
 * is the body of {@code GET /api/stats/live} and of the wallboard socket's {@code live.snapshot} (docs/api.md).
 */
public record LiveSnapshot(Instant at, LocalDate day, ZoneId timeZone, List<QueueFigures> queues, Totals total,
    List<AgentRow> agents) {

  /** One queue: waiting now, today's counters, its members by state, and why it is red (if it is). */
  public record QueueFigures(String id, String name, QueueTargets targets, int waiting, Instant longestWaitingSince,
      QueueTally.Counters today, AgentCounts agents) {

    /** {@code service_level} below target, {@code waiting} above the alert; empty when all is well. */
    public List<String> alerts() {
      List<String> out = new ArrayList<>();
      Double sl = today.serviceLevel();
      if (sl != null && sl < targets.serviceLevelTarget()) {
        out.add("service_level");
      }
      if (targets.alertWaitingCalls() > 0 && waiting > targets.alertWaitingCalls()) {
        out.add("waiting");
      }
      return out;
    }

    public Double serviceLevel() {
      return today.serviceLevel();
    }

    public long answered() {
      return today.answered;
    }

    public long abandoned() {
      return today.abandoned;
    }

    public long callbacks() {
      return today.callbacks;
    }

    public Double asaSeconds() {
      return today.asaSeconds();
    }

    public Double ahtSeconds() {
      return today.ahtSeconds();
    }

    public Double abandonRate() {
      return today.abandonRate();
    }
  }

  /** Every visible queue together (counters summed, so the service level weighs each call once). */
  public record Totals(int waiting, Instant longestWaitingSince, QueueTally.Counters today, AgentCounts agents) {
  }

  /** Agents by state; Not ready split by reason. */
  public record AgentCounts(int ready, int ringing, int onCall, int wrapUp, Map<String, Integer> notReady,
      int offline) {

    static AgentCounts of(List<AgentTally> agents) {
      int ready = 0;
      int ringing = 0;
      int onCall = 0;
      int wrapUp = 0;
      int offline = 0;
      Map<String, Integer> notReady = new TreeMap<>();
      for (AgentTally a : agents) {
        switch (a.state) {
          case READY -> ready++;
          case RINGING -> ringing++;
          case ON_CALL -> onCall++;
          case WRAP_UP -> wrapUp++;
          case NOT_READY -> notReady.merge(a.reason == null ? "none" : a.reason, 1, Integer::sum);
          case LOGGED_OUT -> offline++;
        }
      }
      return new AgentCounts(ready, ringing, onCall, wrapUp, Map.copyOf(notReady), offline);
    }

    public int notReadyTotal() {
      return notReady.values().stream().mapToInt(Integer::intValue).sum();
    }

    JsonObject toJson() {
      return new JsonObject().put("ready", ready).put("ringing", ringing).put("onCall", onCall).put("wrapUp", wrapUp)
          .put("notReady", notReadyTotal()).put("notReadyByReason", new JsonObject(new TreeMap<>(notReady)))
          .put("offline", offline);
    }
  }

  /** One agent on the agents board. */
  public record AgentRow(String id, String name, AgentState state, String reason, Instant since, String callId,
      String queueId, String queueName, String caller, Instant callSince, long handled, long handleMillis) {

    static AgentRow of(AgentTally a, String queueName) {
      return new AgentRow(a.id, a.name, a.state, a.reason, a.since, a.callId, a.callQueue, queueName, a.caller,
          a.callSince, a.handled, a.handleMillis);
    }

    public Double ahtSeconds() {
      return handled == 0 ? null : QueueTally.round1(handleMillis / 1000.0 / handled);
    }
  }

  /** The JSON form (docs/api.md, "Live statistics"); the caller's number masked as {@code config} says. */
  public JsonObject toJson(LiveConfig config) {
    JsonArray qs = new JsonArray();
    for (QueueFigures q : queues) {
      qs.add(figures(new JsonObject().put("id", q.id()).put("name", q.name()), q.waiting(), q.longestWaitingSince(),
          q.today())
          .put("serviceLevelSeconds", q.targets().serviceLevel().toSeconds())
          .put("serviceLevelTarget", q.targets().serviceLevelTarget())
          .put("alertWaitingCalls", q.targets().alertWaitingCalls())
          .put("agents", q.agents().toJson())
          .put("alerts", new JsonArray(q.alerts())));
    }
    JsonArray as = new JsonArray();
    for (AgentRow a : agents) {
      as.add(new JsonObject().put("id", a.id()).put("name", a.name())
          .put("state", a.state().name().toLowerCase(Locale.ROOT)).put("reason", a.reason())
          .put("since", a.since() == null ? null : a.since().toString())
          .put("call", a.callId() == null ? null : new JsonObject().put("id", a.callId())
              .put("queue", a.queueId() == null ? null : new JsonObject().put("id", a.queueId())
                  .put("name", a.queueName()))
              .put("caller", config.mask(a.caller()))
              .put("since", a.callSince().toString()))
          .put("handledToday", a.handled()).put("ahtSeconds", a.ahtSeconds()));
    }
    JsonObject total = figures(new JsonObject(), this.total.waiting(), this.total.longestWaitingSince(),
        this.total.today())
        .put("agents", this.total.agents().toJson())
        .put("alerts", new JsonArray(queues.stream().anyMatch(q -> !q.alerts().isEmpty())
            ? List.of("queue") : List.of()));
    return new JsonObject().put("at", at.toString()).put("day", day.toString()).put("timeZone", timeZone.getId())
        .put("queues", qs).put("total", total).put("agents", as);
  }

  private JsonObject figures(JsonObject into, int waiting, Instant longestSince, QueueTally.Counters c) {
    return into.put("waiting", waiting)
        .put("longestWaitingSince", longestSince == null ? null : longestSince.toString())
        .put("longestWaitSeconds", longestSince == null ? 0 : Duration.between(longestSince, at).toSeconds())
        .put("serviceLevel", c.serviceLevel())
        .put("answered", c.answered).put("answeredWithinThreshold", c.answeredWithin)
        .put("abandoned", c.abandoned).put("abandonedAfterThreshold", c.abandonedAfter)
        .put("abandonRate", c.abandonRate())
        .put("callbacksBooked", c.callbacks)
        .put("asaSeconds", c.asaSeconds()).put("ahtSeconds", c.ahtSeconds()).put("handled", c.handled);
  }
}
