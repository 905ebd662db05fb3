package io.switchboard.routing.acd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The engine's invariants, checked on its state and reported as data (never thrown), so the server can run it after
 * every event in production and count violations, and tests can assert the list is empty:
 *
 * <ul>
 *   <li><b>one-offer</b>: a Ringing agent is reserved for exactly one live, waiting call that lists it as ringing;
 *       an agent that is not Ringing holds no offer; every agent a call rings is Ringing for that call.</li>
 *   <li><b>no-stale-reservation</b>: a call that rings agents has an offer deadline (so ring-no-answer frees them).</li>
 *   <li><b>on-call</b>: an On call agent has a connected call to it, and a connected call's agent is On call.</li>
 *   <li><b>queued-once</b>: a waiting call sits in exactly the waiting list of its queue; connected calls in none.</li>
 *   <li><b>work-conserving</b>: no waiting, non-ringing call has a Ready agent in its queue that it could take.</li>
 *   <li><b>wrap-up</b>: an agent in Wrap-up has an end time.</li>
 *   <li><b>direct</b>: a call rung directly (personal-manager cascade) is in no waiting list and, until connected,
 *       has a safety deadline; the agents it rings are Ringing for it (so no queue call is offered to them).</li>
 *   <li><b>membership</b>: a queue lists exactly the agents whose profile names it, each once.</li>
 * </ul>
 */
public final class InvariantCheck {

  private InvariantCheck() {
  }

  public static List<Violation> check(RoutingEngine engine) {
    RoutingState state = engine.state();
    List<Violation> found = new ArrayList<>();
    for (Agent a : state.agents.values()) {
      if (a.state() == AgentState.RINGING) {
        RoutedCall call = a.offeredCall() == null ? null : state.calls.get(a.offeredCall());
        if (call == null || call.connected() || !call.ringing().contains(a.id())) {
          found.add(new Violation("one-offer", a.id(), "Ringing without a live offer: " + a.describe()));
        }
      } else if (a.offeredCall() != null) {
        found.add(new Violation("one-offer", a.id(), "holds offer " + a.offeredCall() + " while " + a.state()));
      }
      if (a.state() == AgentState.ON_CALL) {
        RoutedCall call = a.currentCall() == null ? null : state.calls.get(a.currentCall());
        if (call == null || !a.id().equals(call.agentId())) {
          found.add(new Violation("on-call", a.id(), "On call without a connected call: " + a.describe()));
        }
      }
      if (a.state() == AgentState.WRAP_UP && a.wrapUpEnds() == null) {
        found.add(new Violation("wrap-up", a.id(), "Wrap-up without an end time"));
      }
    }
    for (CallQueue q : state.queues.values()) {
      Set<String> distinct = new HashSet<>(q.members());
      if (distinct.size() != q.members().size()) {
        found.add(new Violation("membership", q.id(), "an agent is listed twice in " + q.members()));
      }
      for (String member : q.members()) {
        Agent a = state.agents.get(member);
        if (a == null || a.profile().memberships().stream().noneMatch(m -> m.queueId().equals(q.id()))) {
          found.add(new Violation("membership", q.id(), member + " is listed but not a member"));
        }
      }
    }
    for (Agent a : state.agents.values()) {
      for (Membership m : a.profile().memberships()) {
        CallQueue q = state.queues.get(m.queueId());
        if (q == null || !q.members().contains(a.id())) {
          found.add(new Violation("membership", a.id(), "member of " + m.queueId() + " but not listed there"));
        }
      }
    }
    for (RoutedCall call : state.calls.values()) {
      CallQueue q = state.queues.get(call.queueId());
      long listed = state.queues.values().stream().filter(x -> x.waiting().contains(call)).count();
      if (call.connected()) {
        Agent a = state.agents.get(call.agentId());
        if (a.state() != AgentState.ON_CALL || !call.id().equals(a.currentCall())) {
          found.add(new Violation("on-call", call.id(), "connected to " + a.describe()));
        }
        if (listed != 0) {
          found.add(new Violation("queued-once", call.id(), "connected but still waiting in a queue"));
        }
        continue;
      }
      if (call.direct()) {
        if (listed != 0) {
          found.add(new Violation("direct", call.id(), "rung directly but waiting in a queue"));
        }
        if (call.directUntil() == null) {
          found.add(new Violation("direct", call.id(), "rung directly without a safety deadline"));
        }
        for (String agentId : call.ringing()) {
          Agent a = state.agents.get(agentId);
          if (a == null || a.state() != AgentState.RINGING || !call.id().equals(a.offeredCall())) {
            found.add(new Violation("one-offer", call.id(), "rings directly " + (a == null ? agentId : a.describe())));
          }
        }
        continue;
      }
      if (listed != 1 || !q.waiting().contains(call)) {
        found.add(new Violation("queued-once", call.id(), "in " + listed + " waiting lists, expected only "
            + q.id()));
      }
      for (String agentId : call.ringing()) {
        Agent a = state.agents.get(agentId);
        if (a.state() != AgentState.RINGING || !call.id().equals(a.offeredCall())) {
          found.add(new Violation("one-offer", call.id(), "rings " + a.describe()));
        }
      }
      if (!call.ringing().isEmpty() && call.offerDeadline() == null) {
        found.add(new Violation("no-stale-reservation", call.id(), "rings agents with no offer deadline"));
      }
      if (call.ringing().isEmpty()) {
        for (String member : q.members()) {
          Agent a = state.agents.get(member);
          if (engine.distributor().filter(a, call, state.lastEvaluated).isEmpty()) {
            found.add(new Violation("work-conserving", call.id(), "waits while " + a.id() + " is Ready for it"));
          }
        }
      }
    }
    return found;
  }
}
