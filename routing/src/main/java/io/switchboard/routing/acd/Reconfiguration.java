package io.switchboard.routing.acd;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Live changes of configuration while calls are up: a queue's rules, an agent's skills and memberships, removals.
 * The checks run before anything changes (a refused change leaves the engine as it was); the engine then applies
 * the change inside an event, so the sweep that follows sees the new rules.
 */
final class Reconfiguration {

  private final RoutingState state;

  Reconfiguration(RoutingState state) {
    this.state = state;
  }

  /** Overflow targets must be known queues, and no chain of overflows may lead back to the queue (it would loop). */
  void checkOverflowTargets(QueueConfig config) {
    config.overflowQueues().filter(q -> !state.queues.containsKey(q)).findFirst().ifPresent(q -> {
      throw new RoutingRejection("queue " + config.id() + " overflows to unknown queue " + q);
    });
    Deque<String> todo = new ArrayDeque<>();
    config.overflowQueues().forEach(todo::add);
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String q = todo.pop();
      if (q.equals(config.id())) {
        throw new RoutingRejection("queue " + config.id() + ": its overflow targets lead back to it");
      }
      if (seen.add(q)) {
        state.queues.get(q).config().overflowQueues().forEach(todo::add);
      }
    }
  }

  void replace(CallQueue q, QueueConfig next, Instant now) {
    Duration before = q.config().announceEvery();
    q.config(next);
    state.queuesChanged();
    state.dirty.add(q);
    state.staffingChanged.add(q);
    if (!before.equals(next.announceEvery())) {
      // The next periodic announcement follows the new period, counted from now.
      for (RoutedCall call : q.waiting()) {
        if (call.announced()) {
          call.nextAnnouncement(next.announceEvery().isZero() ? null : now.plus(next.announceEvery()));
        }
      }
    }
  }

  void checkMemberships(AgentProfile profile) {
    profile.memberships().stream().filter(m -> !state.queues.containsKey(m.queueId())).findFirst().ifPresent(m -> {
      throw new RoutingRejection("agent " + profile.id() + " is a member of unknown queue " + m.queueId());
    });
  }

  /** New skills and memberships: left queues lose the agent, joined ones append it, kept ones keep its place. */
  void replace(Agent a, AgentProfile next) {
    Set<String> kept = new HashSet<>();
    next.memberships().forEach(m -> kept.add(m.queueId()));
    for (Membership m : a.profile().memberships()) {
      if (!kept.contains(m.queueId())) {
        CallQueue q = state.queues.get(m.queueId());
        q.removeMember(a.id());
        state.staffingChanged.add(q);
      }
    }
    Set<String> had = new HashSet<>();
    a.profile().memberships().forEach(m -> had.add(m.queueId()));
    for (Membership m : next.memberships()) {
      if (!had.contains(m.queueId())) {
        state.queues.get(m.queueId()).addMember(a, m.weight());
      } else {
        state.queues.get(m.queueId()).memberWeight(a.id(), m.weight());
      }
    }
    a.profile(next);
    a.skillLevels(state.skillLevels(next));
    state.queuesOf(a, state.dirty); // new skills or queues may serve waiting calls
  }

  void remove(Agent a) {
    a.profile().memberships().forEach(m -> state.queues.get(m.queueId()).removeMember(a.id()));
    state.agents.remove(a.id());
  }

  void checkRemovable(CallQueue q) {
    if (!q.members().isEmpty()) {
      throw new RoutingRejection("queue " + q.id() + " still has members " + q.members());
    }
    for (RoutedCall call : state.calls.values()) {
      if (call.queueId().equals(q.id())) {
        throw new RoutingRejection("queue " + q.id() + " still has call " + call.describe());
      }
    }
    for (CallQueue other : state.queues.values()) {
      if (other != q && other.config().overflowQueues().anyMatch(q.id()::equals)) {
        throw new RoutingRejection("queue " + q.id() + " is the overflow target of queue " + other.id());
      }
    }
  }
}
