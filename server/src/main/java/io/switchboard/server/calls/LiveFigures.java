package io.switchboard.server.calls;

import io.switchboard.routing.acd.AgentState;
import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of the call center for the metrics (docs/metrics.md): calls in progress by phase, calls waiting per
 * queue and agents per routing state. Taken on the call center's context, so it is consistent, and then read from
 * any thread.
 *
 * @param callsByPhase   calls in progress by phase ({@code in_flow}, {@code queued}, {@code connected}, ...)
 * @param waitingByQueue calls waiting for an agent, by queue id (every configured queue, also when 0)
 * @param agentsByState  agents the routing engine knows, by state (every state, also when 0)
 */
public record LiveFigures(Map<String, Integer> callsByPhase, Map<String, Integer> waitingByQueue,
    Map<AgentState, Integer> agentsByState) {

  public LiveFigures {
    callsByPhase = Map.copyOf(callsByPhase);
    waitingByQueue = Map.copyOf(waitingByQueue);
    agentsByState = Map.copyOf(agentsByState);
  }

  /** Nothing running: before the first snapshot. */
  public static final LiveFigures NONE = new LiveFigures(Map.of(), Map.of(), Map.of());

  /** Calls in progress, whatever their phase. */
  public int activeCalls() {
    return callsByPhase.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Takes a snapshot on the call center's context. */
  public static Future<LiveFigures> of(CallCenter center) {
    return center.on(() -> {
      Map<String, Integer> phases = new LinkedHashMap<>();
      for (Call.Phase phase : Call.Phase.values()) {
        if (phase != Call.Phase.ENDED) {
          phases.put(phase.name().toLowerCase(java.util.Locale.ROOT), 0);
        }
      }
      for (Call call : center.calls.values()) {
        phases.merge(call.phase.name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
      }
      Map<String, Integer> waiting = new LinkedHashMap<>();
      center.engine.queues().forEach(q -> waiting.put(q.id(), q.waiting().size()));
      Map<AgentState, Integer> agents = new EnumMap<>(AgentState.class);
      for (AgentState state : AgentState.values()) {
        agents.put(state, 0);
      }
      center.engine.agents().forEach(a -> agents.merge(a.state(), 1, Integer::sum));
      return Future.succeededFuture(new LiveFigures(phases, waiting, agents));
    });
  }
}
