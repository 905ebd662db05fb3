package io.switchboard.routing.acd;

import io.switchboard.routing.acd.explain.CandidateVerdict;
import io.switchboard.routing.acd.explain.OfferExplanation;
import io.switchboard.routing.acd.strategy.Candidate;
import io.switchboard.routing.acd.strategy.Ranked;
import io.switchboard.routing.acd.strategy.RankingContext;
import io.switchboard.routing.acd.strategy.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches waiting calls with Ready agents. Calls are served in one global order: heavier queue first, then higher
 * effective priority, then first come first served; each call takes the best of the agents its queue's filters and
 * strategy allow. Runs after every event, so no call waits while an agent it could have is Ready.
 */
final class CallDistributor {

  private final RoutingState state;

  CallDistributor(RoutingState state) {
    this.state = state;
  }

  void dispatch(Instant now, List<Decision> out) {
    if (!state.anyReady()) {
      return;
    }
    List<RoutedCall> order = new ArrayList<>();
    for (CallQueue q : state.queues.values()) {
      for (RoutedCall c : q.waiting()) {
        if (c.ringing().isEmpty()) {
          order.add(c);
        }
      }
    }
    Comparator<RoutedCall> byQueueWeight =
        Comparator.comparingInt(c -> -state.queues.get(c.queueId()).config().weight());
    order.sort(byQueueWeight.thenComparing(state.serviceOrder(now)));
    for (RoutedCall call : order) {
      offer(call, now, out);
      if (!state.anyReady()) {
        return;
      }
    }
  }

  /**
   * Why this agent cannot take this call now, as {rule, detail}, or empty when it can. The one definition of
   * eligibility, used by dispatch and by the invariant check.
   */
  Optional<String[]> filter(Agent agent, RoutedCall call, Instant now) {
    if (agent.state() != AgentState.READY) {
      return Optional.of(new String[] {"state", stateDetail(agent)});
    }
    CallQueue q = state.queues.get(call.queueId());
    Map<String, Integer> required = q.config().widening().required(call.request().skills(), call.waitedIn(now));
    return SkillWidening.shortfall(required, agent.profile().skills()).map(s -> new String[] {"skill", s});
  }

  /** Why an agent that is not Ready cannot take a call, in words ("Not ready: lunch", "ringing for c7"). */
  static String stateDetail(Agent agent) {
    return switch (agent.state()) {
      case NOT_READY -> "Not ready: " + agent.notReadyReason();
      case RINGING -> "ringing for " + agent.offeredCall();
      case ON_CALL -> "on call " + agent.currentCall();
      case WRAP_UP -> "wrap-up";
      default -> agent.state().name();
    };
  }

  private void offer(RoutedCall call, Instant now, List<Decision> out) {
    CallQueue q = state.queues.get(call.queueId());
    List<CandidateVerdict> verdicts = new ArrayList<>();
    List<Candidate> fresh = new ArrayList<>();
    List<Candidate> missed = new ArrayList<>();
    List<String> members = q.members();
    for (int i = 0; i < members.size(); i++) {
      Agent a = state.agents.get(members.get(i));
      Optional<String[]> no = filter(a, call, now);
      if (no.isPresent()) {
        verdicts.add(CandidateVerdict.filtered(a.id(), no.get()[0], no.get()[1]));
        continue;
      }
      Candidate c = new Candidate(a.id(), i, a.profile().weightIn(q.id()), Duration.between(a.idleSince(), now),
          a.callsTaken(), a.talkTime());
      (call.missedBy().contains(a.id()) ? missed : fresh).add(c);
    }
    List<Candidate> pool = fresh;
    if (fresh.isEmpty()) {
      // Everybody left already let this call ring out: try them again rather than let a Ready agent sit idle.
      call.missedBy().clear();
      pool = missed;
    } else {
      for (Candidate c : missed) {
        verdicts.add(CandidateVerdict.filtered(c.agentId(), "ring-no-answer", "did not answer this call"));
      }
    }
    if (pool.isEmpty()) {
      return;
    }
    Strategy strategy = q.config().strategy();
    List<Ranked> ranking = strategy.rank(pool,
        new RankingContext(state.random, q.lastOfferedMemberIndex(), members.size()));
    int take = Math.min(strategy.fanOut(), ranking.size());
    List<String> chosen = new ArrayList<>();
    for (int r = 0; r < ranking.size(); r++) {
      Ranked ranked = ranking.get(r);
      boolean offered = r < take;
      verdicts.add(CandidateVerdict.ranked(ranked.candidate().agentId(), ranked.scoreText(), ranked.score(), r + 1,
          offered));
      if (offered) {
        chosen.add(ranked.candidate().agentId());
      }
    }
    // In the queue's member order, for people reading the explanation; positions looked up once, not per compare.
    Map<String, Integer> position = new HashMap<>(members.size() * 2);
    for (int i = 0; i < members.size(); i++) {
      position.put(members.get(i), i);
    }
    verdicts.sort(Comparator.comparingInt(v -> position.getOrDefault(v.agentId(), Integer.MAX_VALUE)));
    Duration waited = call.waitedIn(now);
    String why = "offered to " + String.join(", ", chosen) + ": " + strategy.why(ranking.get(0));
    OfferExplanation explanation = new OfferExplanation(call.id(), q.id(), strategy.name(), waited,
        state.effectivePriority(call, now), q.config().widening().describe(call.request().skills(), waited),
        verdicts, chosen, why);
    Duration timeout = q.config().offerTimeout();
    call.offerDeadline(now.plus(timeout));
    q.lastOffered(chosen.get(0));
    for (String agentId : chosen) {
      Agent a = state.agents.get(agentId);
      state.transition(a, AgentState.RINGING, "offer " + call.id(), now, out);
      a.offeredCall(call.id());
      call.ringingMutable().add(agentId);
      out.add(new Offer(call.id(), agentId, timeout, explanation));
    }
  }
}
