package io.switchboard.routing.acd;

import io.switchboard.routing.acd.explain.CandidateVerdict;
import io.switchboard.routing.acd.explain.OfferExplanation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct rings: the personal-manager cascade rings named agents for a call that does not wait in any queue. The
 * engine reserves them (Ringing for the call) so the distributor can never offer them a queue call meanwhile, and
 * holds a safety deadline so that no agent stays reserved if the owner forgets to stop the ring. Only the engine
 * calls these steps, after validating the event.
 */
final class DirectRings {

  static final String WHY = "direct ring: personal-manager cascade";

  private final RoutingState state;

  DirectRings(RoutingState state) {
    this.state = state;
  }

  /** Rings the Ready ones of {@code agentIds} for the (new or existing) direct call; the others are explained. */
  void ring(String callId, String queueId, List<String> agentIds, Duration safetyTimeout, Instant now,
      List<Decision> out) {
    RoutedCall call = state.calls.get(callId);
    if (call == null) {
      call = RoutedCall.direct(callId, queueId, state.nextSequence++, now);
      state.calls.put(callId, call);
    }
    Instant until = now.plus(safetyTimeout);
    if (call.directUntil() == null || until.isAfter(call.directUntil())) {
      call.directUntil(until);
    }
    List<CandidateVerdict> verdicts = new ArrayList<>();
    List<String> chosen = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (String agentId : agentIds) {
      Agent a = state.agents.get(agentId);
      if (a.state() == AgentState.READY) {
        chosen.add(agentId);
        verdicts.add(CandidateVerdict.ranked(agentId, "direct ring", 0, chosen.size(), true));
      } else {
        String detail = CallDistributor.stateDetail(a);
        verdicts.add(CandidateVerdict.filtered(agentId, "state", detail));
        skipped.add(agentId + " (" + detail + ")");
      }
    }
    if (chosen.isEmpty()) {
      return;
    }
    String why = WHY + "; offered to " + String.join(", ", chosen)
        + (skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped));
    OfferExplanation explanation = new OfferExplanation(callId, queueId, "direct", Duration.between(call.arrivedAt(),
        now), call.request().priority(), "none (direct ring)", verdicts, chosen, why);
    Duration timeout = Duration.between(now, call.directUntil());
    for (String agentId : chosen) {
      Agent a = state.agents.get(agentId);
      state.transition(a, AgentState.RINGING, "direct ring " + callId, now, out);
      a.offeredCall(callId);
      call.ringingMutable().add(agentId);
      out.add(new Offer(callId, agentId, timeout, explanation));
    }
  }

  /**
   * Cancels every offer of the unconnected direct call and forgets it, without an outcome: the call goes on
   * elsewhere (the next cascade step, or a queue under the same id). Not a ring-no-answer miss for anybody.
   */
  void stop(RoutedCall call, CancelReason reason, Instant now, List<Decision> out) {
    for (String agentId : List.copyOf(call.ringing())) {
      Agent a = state.agents.get(agentId);
      call.ringingMutable().remove(agentId);
      out.add(new CancelOffer(call.id(), agentId, reason));
      state.transition(a, AgentState.READY, "direct ring stopped", now, out);
    }
    state.calls.remove(call.id());
  }

  /** The safety net: direct calls still unconnected at their deadline are stopped with {@code TIMEOUT}. */
  void expire(Instant now, List<Decision> out) {
    for (RoutedCall call : List.copyOf(state.calls.values())) {
      if (call.direct() && !call.connected() && !call.directUntil().isAfter(now)) {
        stop(call, CancelReason.TIMEOUT, now, out);
      }
    }
  }
}
