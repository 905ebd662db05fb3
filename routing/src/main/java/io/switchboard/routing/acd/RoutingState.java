package io.switchboard.routing.acd;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Everything the engine owns, in insertion-ordered maps so that iteration (and therefore every decision) is
 * deterministic. Shared by the engine, the distributor and the invariant check; nobody else sees it.
 */
final class RoutingState {

  final InstantSource clock;
  final RandomGenerator random;
  final Map<String, Agent> agents = new LinkedHashMap<>();
  final Map<String, CallQueue> queues = new LinkedHashMap<>();
  final Map<String, RoutedCall> calls = new LinkedHashMap<>();
  long nextSequence;
  /** The instant of the last event: the state is consistent with the timers as of this instant. */
  Instant lastEvaluated;

  RoutingState(InstantSource clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
    this.lastEvaluated = clock.instant();
  }

  int effectivePriority(RoutedCall call, Instant now) {
    CallQueue q = queues.get(call.queueId());
    return call.request().priority() + q.config().aging().boost(call.waitedIn(now));
  }

  /** Service order inside one queue: higher effective priority first, then first come first served. */
  Comparator<RoutedCall> serviceOrder(Instant now) {
    return Comparator.comparingInt((RoutedCall c) -> -effectivePriority(c, now))
        .thenComparing(RoutedCall::queuedAt)
        .thenComparingLong(RoutedCall::sequence);
  }

  /** 1-based position of a waiting call in its queue's service order. */
  int position(RoutedCall call, Instant now) {
    Comparator<RoutedCall> order = serviceOrder(now);
    int ahead = 0;
    for (RoutedCall other : queues.get(call.queueId()).waiting()) {
      if (other != call && order.compare(other, call) < 0) {
        ahead++;
      }
    }
    return ahead + 1;
  }

  /** Members that take calls now or will after their current one: Ready, Ringing, On call, Wrap-up. */
  int staffed(CallQueue q) {
    int n = 0;
    for (String id : q.members()) {
      AgentState s = agents.get(id).state();
      if (s != AgentState.LOGGED_OUT && s != AgentState.NOT_READY) {
        n++;
      }
    }
    return n;
  }

  boolean anyLoggedIn(CallQueue q) {
    return q.members().stream().anyMatch(id -> agents.get(id).state().loggedIn());
  }

  Optional<Duration> estimatedWait(RoutedCall call, Instant now) {
    CallQueue q = queues.get(call.queueId());
    return EstimatedWait.at(position(call, now), staffed(q), q.averageHandleTime());
  }

  Announce announcement(RoutedCall call, Instant now) {
    return new Announce(call.id(), position(call, now), estimatedWait(call, now));
  }

  /** Agents in READY, kept by {@link #transition} (every state change goes through it), so "is anyone free" is O(1). */
  private int readyAgents;

  boolean anyReady() {
    return readyAgents > 0;
  }

  void transition(Agent agent, AgentState next, String reason, Instant now, List<Decision> out) {
    AgentState from = agent.state();
    if (from == AgentState.READY) {
      readyAgents--;
    }
    if (next == AgentState.READY) {
      readyAgents++;
    }
    agent.enter(next, now);
    if (next == AgentState.NOT_READY) {
      agent.notReadyReason(reason);
    }
    out.add(new AgentStateChanged(agent.id(), from, next, reason));
  }
}
