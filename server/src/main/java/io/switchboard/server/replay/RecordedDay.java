package io.switchboard.server.replay;

import io.switchboard.routing.replay.AgentShift;
import io.switchboard.routing.replay.RecordedCall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A day of history records (CDRs, docs/design.md "The history record") turned into what a replay needs: each call's
 * arrival, the caller's keys before the queue, the desk's pick-up time, the conversation, the recorded wait and
 * outcome; and who worked. The store keeps no log of agents' states, so each agent seen that day (offered or
 * answering a call) is taken as Ready from the day's first arrival to its last call's end (docs/routing.md, "Replay").
 *
 * @param calls the day's calls in arrival order
 * @param shifts one per agent seen, in order of first appearance
 */
public record RecordedDay(List<RecordedCall> calls, List<AgentShift> shifts) {

  public static RecordedDay of(List<JsonObject> records) {
    List<RecordedCall> calls = new ArrayList<>();
    Map<String, Boolean> agents = new LinkedHashMap<>();
    Instant first = null;
    Instant last = null;
    List<JsonObject> ordered = new ArrayList<>(records);
    ordered.sort(Comparator.comparing((JsonObject r) -> instant(r.getValue("arrivedAt")),
        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(r -> r.getString("_id", "")));
    for (JsonObject r : ordered) {
      Instant arrived = instant(r.getValue("arrivedAt"));
      if (arrived == null || r.getString("_id") == null) {
        continue;
      }
      RecordedCall call = call(r, arrived);
      calls.add(call);
      first = first == null || arrived.isBefore(first) ? arrived : first;
      Instant ended = instant(r.getValue("endedAt"));
      Instant end = ended == null ? arrived : ended;
      last = last == null || end.isAfter(last) ? end : last;
      for (Object e : events(r)) {
        if (e instanceof JsonObject ev && "offered".equals(ev.getString("event")) && ev.getString("agent") != null) {
          agents.put(ev.getString("agent"), true);
        }
      }
      if (call.agentId() != null) {
        agents.put(call.agentId(), true);
      }
    }
    List<AgentShift> shifts = new ArrayList<>();
    for (String agent : agents.keySet()) {
      shifts.add(new AgentShift(agent, first, last));
    }
    return new RecordedDay(calls, shifts);
  }

  private static RecordedCall call(JsonObject r, Instant arrived) {
    Instant queued = instant(r.getValue("queuedAt"));
    Instant answered = instant(r.getValue("answeredAt"));
    Instant ended = instant(r.getValue("endedAt"));
    String outcome = r.getString("outcome");
    JsonObject agent = r.getJsonObject("agent");
    JsonObject queue = r.getJsonObject("queue");
    List<String> digits = new ArrayList<>();
    Instant lastOffer = null;
    boolean offerOpen = false;
    for (Object e : events(r)) {
      if (!(e instanceof JsonObject ev)) {
        continue;
      }
      Instant at = instant(ev.getValue("at"));
      switch (ev.getString("event", "")) {
        case "dtmf" -> {
          // Keys before the queue are the caller's way through the flow; later ones are in-queue options.
          boolean beforeQueue = queued == null || at == null || at.isBefore(queued);
          if ("caller".equals(ev.getString("from", "caller")) && beforeQueue && ev.getString("digit") != null) {
            digits.add(ev.getString("digit"));
          }
        }
        case "offered" -> {
          lastOffer = at;
          offerOpen = true;
        }
        case "offer_withdrawn" -> offerOpen = "caller_abandoned".equals(ev.getString("reason")) && offerOpen;
        default -> { }
      }
    }
    Duration pickUp = Duration.ZERO;
    if (answered != null && lastOffer != null && !answered.isBefore(lastOffer)) {
      pickUp = Duration.between(lastOffer, answered);
    } else if (answered == null && offerOpen && lastOffer != null && ended != null && !ended.isBefore(lastOffer)) {
      pickUp = Duration.between(lastOffer, ended); // rang this long when the caller left: a lower bound
    }
    Duration talk = Duration.ofSeconds(r.getLong("talkSeconds", 0L));
    Duration waited = null;
    if (queued != null && "answered".equals(outcome) && answered != null) {
      waited = Duration.between(queued, answered);
    } else if (queued != null && "abandoned".equals(outcome) && ended != null) {
      waited = Duration.between(queued, ended);
    }
    String to = r.getString("to");
    return new RecordedCall(r.getString("_id"), r.getString("from"), to != null && to.startsWith("+") ? to : null,
        arrived, queued, queue == null ? null : queue.getString("id"), digits, pickUp, talk, outcome, waited,
        agent == null ? null : agent.getString("id"));
  }

  private static JsonArray events(JsonObject r) {
    JsonArray timeline = r.getJsonArray("timeline");
    return timeline == null ? new JsonArray() : timeline;
  }

  /** A date as stored: {@code {"$date": ISO text or epoch millis}}, or the bare ISO text of a timeline event. */
  static Instant instant(Object value) {
    Object v = value instanceof JsonObject o ? o.getValue("$date") : value;
    if (v instanceof String s) {
      return Instant.parse(s);
    }
    if (v instanceof Number n) {
      return Instant.ofEpochMilli(n.longValue());
    }
    if (v instanceof Instant i) {
      return i;
    }
    return null;
  }
}
