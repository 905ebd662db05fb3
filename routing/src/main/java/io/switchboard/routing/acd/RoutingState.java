package io.switchboard.routing.acd;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.Set;
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
    for (Agent a : q.memberAgents()) {
      AgentState s = a.state();
      if (s != AgentState.LOGGED_OUT && s != AgentState.NOT_READY) {
        n++;
      }
    }
    return n;
  }

  boolean anyLoggedIn(CallQueue q) {
    for (Agent a : q.memberAgents()) {
      if (a.state().loggedIn()) {
        return true;
      }
    }
    return false;
  }

  Optional<Duration> estimatedWait(RoutedCall call, Instant now) {
    CallQueue q = queues.get(call.queueId());
    return EstimatedWait.at(position(call, now), staffed(q), q.averageHandleTime());
  }

  Announce announcement(RoutedCall call, Instant now) {
    return new Announce(call.id(), position(call, now), estimatedWait(call, now));
  }

  /**
   * Queues whose waiting calls may have become servable since the last sweep: an agent of theirs became Ready, a
   * call entered or stopped ringing, their rules changed, or time passed a skill-widening step. Only these are
   * dispatched; in every other queue, no waiting call had a Ready agent it could take after the last event, and
   * nothing that could change that has happened (the work-conserving invariant).
   */
  final Set<CallQueue> dirty = new LinkedHashSet<>();
  /** Queues that may have lost their last logged-in member (the {@code whenNoAgents} rule is checked on these). */
  final Set<CallQueue> staffingChanged = new LinkedHashSet<>();
  /** Queues whose rules widen skills as calls wait: time alone can make their calls servable. */
  final List<CallQueue> wideningQueues = new java.util.ArrayList<>();

  void queuesChanged() {
    wideningQueues.clear();
    for (CallQueue q : queues.values()) {
      if (!q.config().widening().steps().isEmpty()) {
        wideningQueues.add(q);
      }
    }
  }

  /** Calls that entered a queue and have not had their first announcement (they were rung at once). */
  final Set<RoutedCall> unannounced = new LinkedHashSet<>();

  /** Skill names numbered in order of first appearance, so an agent's skills are an array, not a map, in dispatch. */
  private final Map<String, Integer> skillNumbers = new java.util.HashMap<>();

  int[] skillLevels(AgentProfile profile) {
    profile.skills().keySet().forEach(skill -> skillNumbers.putIfAbsent(skill, skillNumbers.size()));
    int[] levels = new int[skillNumbers.size()];
    profile.skills().forEach((skill, level) -> levels[skillNumbers.get(skill)] = level);
    return levels;
  }

  /**
   * The required levels as {skill number, level} pairs; a skill no agent has gets number -1 (nobody meets it).
   */
  int[] skillRequirement(Map<String, Integer> required) {
    int[] pairs = new int[required.size() * 2];
    int i = 0;
    for (Map.Entry<String, Integer> e : required.entrySet()) {
      pairs[i++] = skillNumbers.getOrDefault(e.getKey(), -1);
      pairs[i++] = e.getValue();
    }
    return pairs;
  }

  static boolean meets(int[] requirement, Agent agent) {
    for (int i = 0; i < requirement.length; i += 2) {
      if (requirement[i] < 0 || agent.skillLevel(requirement[i]) < requirement[i + 1]) {
        return false;
      }
    }
    return true;
  }

  void queuesOf(Agent agent, Set<CallQueue> into) {
    for (Membership m : agent.profile().memberships()) {
      CallQueue q = queues.get(m.queueId());
      if (q != null) {
        into.add(q);
      }
    }
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
      queuesOf(agent, dirty); // its calls may now be served
    } else if (next == AgentState.LOGGED_OUT) {
      queuesOf(agent, staffingChanged);
    }
    agent.enter(next, now);
    if (next == AgentState.NOT_READY) {
      agent.notReadyReason(reason);
    }
    out.add(new AgentStateChanged(agent.id(), from, next, reason));
  }
}
