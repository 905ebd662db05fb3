package io.switchboard.routing.acd.explain;

import java.time.Duration;
import java.util.List;

/**
 * Why a call was offered to whom: the queue and strategy, how long the caller had waited and at what priority, the
 * skill rule in force at that wait, every member considered with the rule that filtered it or its score, and the
 * sentence that names the winner. Stored with the call's history; {@link #describe()} is the text a supervisor reads.
 *
 * @param skillRule the skill requirement after widening, e.g. "english>=3 (step after 30 s, relaxed by 1)"
 * @param effectivePriority the caller's priority including aging
 * @param why one sentence: who got it and why
 */
public record OfferExplanation(String callId, String queueId, String strategy, Duration waited,
    int effectivePriority, String skillRule, List<CandidateVerdict> candidates, List<String> offeredTo, String why) {

  public OfferExplanation {
    candidates = List.copyOf(candidates);
    offeredTo = List.copyOf(offeredTo);
  }

  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append("call ").append(callId).append(" in queue ").append(queueId)
        .append(" (strategy ").append(strategy)
        .append(", waited ").append(waited.toMillis() / 1000.0).append(" s")
        .append(", priority ").append(effectivePriority).append(")\n");
    b.append("  skills: ").append(skillRule).append('\n');
    for (CandidateVerdict v : candidates) {
      b.append("  ").append(v.describe()).append('\n');
    }
    b.append("  => ").append(why);
    return b.toString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
