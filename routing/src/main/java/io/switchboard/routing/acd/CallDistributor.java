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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches waiting calls with Ready agents. Calls are served in one global order: heavier queue first, then higher
 * effective priority, then first come first served; each call takes the best of the agents its queue's filters and
 * strategy allow. Runs after every event on the queues the event touched ({@link RoutingState#dirty}), so no call
 * waits while an agent it could have is Ready.
 */
final class CallDistributor {

  /** What {@link #offer} records per member for the explanation, rendered only when it is read. */
  private static final byte SKILL = -1;
  private static final byte MISSED = -2;
  private static final byte ELIGIBLE = -3;

  private final RoutingState state;

  CallDistributor(RoutingState state) {
    this.state = state;
  }

  void dispatch(Instant now, List<Decision> out) {
    if (state.dirty.isEmpty()) {
      return;
    }
    if (!state.anyReady()) {
      // Nothing can be served; a queue becomes dirty again when one of its agents becomes Ready.
      state.dirty.clear();
      return;
    }
    List<RoutedCall> order = new ArrayList<>();
    for (CallQueue q : state.dirty) {
      for (RoutedCall c : q.waiting()) {
        if (c.ringing().isEmpty()) {
          order.add(c);
        }
      }
    }
    state.dirty.clear();
    if (order.size() > 1) {
      Comparator<RoutedCall> byQueueWeight =
          Comparator.comparingInt(c -> -state.queues.get(c.queueId()).config().weight());
      order.sort(byQueueWeight.thenComparing(state.serviceOrder(now)));
    }
    for (RoutedCall call : order) {
      offer(call, now, out);
      if (!state.anyReady()) {
        return;
      }
    }
  }

  /**
   * Why this agent cannot take this call now, as {rule, detail}, or empty when it can. The one definition of
   * eligibility, used by the invariant check; {@link #offer} applies the same rules without building the words.
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
    String ref = switch (agent.state()) {
      case NOT_READY -> agent.notReadyReason();
      case RINGING -> agent.offeredCall();
      case ON_CALL -> agent.currentCall();
      default -> null;
    };
    return stateDetail(agent.state(), ref);
  }

  private static String stateDetail(AgentState s, String ref) {
    return switch (s) {
      case NOT_READY -> "Not ready: " + ref;
      case RINGING -> "ringing for " + ref;
      case ON_CALL -> "on call " + ref;
      case WRAP_UP -> "wrap-up";
      default -> s.name();
    };
  }

  private void offer(RoutedCall call, Instant now, List<Decision> out) {
    CallQueue q = state.queues.get(call.queueId());
    QueueConfig cfg = q.config();
    Duration waited = call.waitedIn(now);
    Map<String, Integer> required = cfg.widening().required(call.request().skills(), waited);
    int[] requirement = state.skillRequirement(required);
    List<Agent> members = q.memberAgents();
    int m = members.size();
    // Per member, what the explanation will say: the state that filtered it (ordinal) with its detail, a skill
    // shortfall (with the agent's skills), a ring-no-answer, or eligible. Immutable values only, so the explanation
    // reads the same whenever it is rendered.
    byte[] kind = new byte[m];
    Object[] detail = new Object[m];
    List<Candidate> fresh = new ArrayList<>();
    List<Candidate> missed = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      Agent a = members.get(i);
      AgentState s = a.state();
      if (s != AgentState.READY) {
        kind[i] = (byte) s.ordinal();
        detail[i] = switch (s) {
          case NOT_READY -> a.notReadyReason();
          case RINGING -> a.offeredCall();
          case ON_CALL -> a.currentCall();
          default -> null;
        };
      } else if (requirement.length > 0 && !RoutingState.meets(requirement, a)) {
        kind[i] = SKILL;
        detail[i] = a.profile().skills();
      } else {
        kind[i] = ELIGIBLE;
        Candidate c = new Candidate(a.id(), i, q.memberWeight(i), Duration.between(a.idleSince(), now),
            a.callsTaken(), a.talkTime());
        (!call.missedBy().isEmpty() && call.missedBy().contains(a.id()) ? missed : fresh).add(c);
      }
    }
    List<Candidate> pool = fresh;
    if (fresh.isEmpty()) {
      // Everybody left already let this call ring out: try them again rather than let a Ready agent sit idle.
      call.missedBy().clear();
      pool = missed;
    } else {
      for (Candidate c : missed) {
        kind[c.memberIndex()] = MISSED;
      }
    }
    if (pool.isEmpty()) {
      return;
    }
    Strategy strategy = cfg.strategy();
    List<Ranked> ranking = strategy.rank(pool, new RankingContext(state.random, q.lastOfferedMemberIndex(), m));
    int take = Math.min(strategy.fanOut(), ranking.size());
    List<String> chosen = new ArrayList<>(take);
    for (int r = 0; r < take; r++) {
      chosen.add(ranking.get(r).candidate().agentId());
    }
    String[] ids = q.members().toArray(new String[0]);
    Map<String, Integer> asked = call.request().skills();
    String why = "offered to " + String.join(", ", chosen) + ": " + strategy.why(ranking.get(0));
    OfferExplanation explanation = OfferExplanation.rendered(call.id(), q.id(), strategy.name(), waited,
        state.effectivePriority(call, now), () -> cfg.widening().describe(asked, waited),
        () -> verdicts(ids, kind, detail, required, ranking, take), chosen, why);
    Duration timeout = cfg.offerTimeout();
    call.offerDeadline(now.plus(timeout));
    q.lastOffered(ranking.get(0).candidate().memberIndex());
    for (String agentId : chosen) {
      Agent a = state.agents.get(agentId);
      state.transition(a, AgentState.RINGING, "offer " + call.id(), now, out);
      a.offeredCall(call.id());
      call.ringingMutable().add(agentId);
      out.add(new Offer(call.id(), agentId, timeout, explanation));
    }
  }

  /** The explanation's verdicts in the queue's member order, from what {@link #offer} recorded. */
  @SuppressWarnings("unchecked")
  private static List<CandidateVerdict> verdicts(String[] ids, byte[] kind, Object[] detail,
      Map<String, Integer> required, List<Ranked> ranking, int take) {
    CandidateVerdict[] v = new CandidateVerdict[ids.length];
    for (int r = 0; r < ranking.size(); r++) {
      Ranked ranked = ranking.get(r);
      int i = ranked.candidate().memberIndex();
      v[i] = CandidateVerdict.ranked(ids[i], ranked.scoreText(), ranked.score(), r + 1, r < take);
    }
    AgentState[] states = AgentState.values();
    for (int i = 0; i < ids.length; i++) {
      if (v[i] != null) {
        continue;
      }
      v[i] = switch (kind[i]) {
        case SKILL -> CandidateVerdict.filtered(ids[i], "skill",
            SkillWidening.shortfall(required, (Map<String, Integer>) detail[i]).orElseThrow());
        case MISSED -> CandidateVerdict.filtered(ids[i], "ring-no-answer", "did not answer this call");
        case ELIGIBLE -> throw new IllegalStateException("eligible " + ids[i] + " missing from the ranking");
        default -> CandidateVerdict.filtered(ids[i], "state", stateDetail(states[kind[i]], (String) detail[i]));
      };
    }
    return Arrays.asList(v);
  }
}
