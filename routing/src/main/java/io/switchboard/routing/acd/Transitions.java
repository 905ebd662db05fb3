package io.switchboard.routing.acd;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The steps events are made of: a call enters, overflows or leaves a queue; an offer is withdrawn or missed; an
 * agent finishes a call. Each keeps agents, calls and queues consistent with one another and appends the decisions
 * that tell the outside world. Only the engine calls them, after validating the event.
 */
final class Transitions {

  private final RoutingState state;

  Transitions(RoutingState state) {
    this.state = state;
  }

  void enter(RoutedCall call, CallQueue q, Instant now, List<Decision> out) {
    QueueConfig cfg = q.config();
    if (cfg.whenNoAgents() != null && !state.anyLoggedIn(q)) {
      exit(call, q, cfg.whenNoAgents(), OverflowReason.NO_AGENTS_LOGGED_IN, now, out);
    } else if (cfg.maxLength() > 0 && q.waiting().size() >= cfg.maxLength()) {
      exit(call, q, cfg.whenFull(), OverflowReason.QUEUE_FULL, now, out);
    } else {
      q.add(call);
      state.dirty.add(q);
      state.unannounced.add(call);
      out.add(new Enqueued(call.id(), q.id(), state.position(call, now)));
    }
  }

  void overflow(RoutedCall call, OverflowTarget target, OverflowReason reason, Instant now,
      List<Decision> out) {
    for (String agentId : List.copyOf(call.ringing())) {
      Agent a = state.agents.get(agentId);
      withdraw(a, CancelReason.CALL_LEFT_QUEUE, now, out);
      state.transition(a, AgentState.READY, "call left queue", now, out);
    }
    CallQueue from = state.queues.get(call.queueId());
    from.remove(call);
    exit(call, from, target, reason, now, out);
  }

  /** The call leaves {@code from} (it is in no waiting list): into another queue, or out of routing. */
  void exit(RoutedCall call, CallQueue from, OverflowTarget target, OverflowReason reason, Instant now,
      List<Decision> out) {
    out.add(new Overflow(call.id(), from.id(), target, reason));
    if (target.kind() == OverflowTarget.Kind.QUEUE) {
      call.moveTo(target.queueId(), now);
      enter(call, state.queues.get(target.queueId()), now, out);
    } else {
      finish(call, target.outcome(), Duration.between(call.arrivedAt(), now), out);
    }
  }

  void finish(RoutedCall call, Outcome outcome, Duration waited, List<Decision> out) {
    state.calls.remove(call.id());
    out.add(new CallFinished(call.id(), outcome, waited));
  }

  /** Removes a ringing agent from its call (the caller sets the agent's next state). */
  void withdraw(Agent a, CancelReason reason, Instant now, List<Decision> out) {
    RoutedCall call = state.calls.get(a.offeredCall());
    call.ringingMutable().remove(a.id());
    if (call.ringing().isEmpty()) {
      call.offerDeadline(null);
      if (!call.direct()) {
        state.dirty.add(state.queues.get(call.queueId())); // waits unoffered again
      }
    }
    out.add(new CancelOffer(call.id(), a.id(), reason));
  }

  /** Ring-no-answer (or decline): the next agent gets the call; too many in a row and the agent goes Not ready. */
  void missed(Agent a, RoutedCall call, CancelReason reason, Instant now, List<Decision> out) {
    withdraw(a, reason, now, out);
    call.missedBy().add(a.id());
    a.missed();
    int limit = state.queues.get(call.queueId()).config().missesBeforeNotReady();
    if (a.consecutiveMisses() >= limit) {
      state.transition(a, AgentState.NOT_READY, "ring-no-answer", now, out);
    } else {
      state.transition(a, AgentState.READY, "missed " + call.id(), now, out);
    }
  }

  /** The call and its wrap-up are over: Ready, or Not ready when the agent asked for it during the call. */
  void afterCall(Agent a, Instant now, List<Decision> out) {
    String pending = a.notReadyAfterCall();
    a.notReadyAfterCall(null);
    if (pending != null) {
      state.transition(a, AgentState.NOT_READY, pending, now, out);
    } else {
      state.transition(a, AgentState.READY, "after call", now, out);
    }
  }
}
