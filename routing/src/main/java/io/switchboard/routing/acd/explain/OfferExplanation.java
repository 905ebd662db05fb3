package io.switchboard.routing.acd.explain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Why a call was offered to whom: the queue and strategy, how long the caller had waited and at what priority, the
 * skill rule in force at that wait, every member considered with the rule that filtered it or its score, and the
 * sentence that names the winner. Stored with the call's history; {@link #describe()} is the text a supervisor reads.
 *
 * <p>The per-member verdicts are rendered on first use from inputs the engine recorded at offer time (immutable
 * snapshots, so the content is the same whenever it is read): building hundreds of verdicts on every offer was the
 * engine's main cost, and most explanations are only stored, if read at all. Equality is on the content.
 *
 * @param skillRule the skill requirement after widening, e.g. "english>=3 (step after 30 s, relaxed by 1)"
 * @param effectivePriority the caller's priority including aging
 * @param why one sentence: who got it and why
 */
public final class OfferExplanation {

  private final String callId;
  private final String queueId;
  private final String strategy;
  private final Duration waited;
  private final int effectivePriority;
  private final List<String> offeredTo;
  private final String why;
  private Supplier<String> skillRuleInputs;
  private Supplier<List<CandidateVerdict>> candidateInputs;
  private String skillRule;
  private List<CandidateVerdict> candidates;

  public OfferExplanation(String callId, String queueId, String strategy, Duration waited, int effectivePriority,
      String skillRule, List<CandidateVerdict> candidates, List<String> offeredTo, String why) {
    this(callId, queueId, strategy, waited, effectivePriority, () -> skillRule, () -> candidates, offeredTo, why);
  }

  private OfferExplanation(String callId, String queueId, String strategy, Duration waited, int effectivePriority,
      Supplier<String> skillRule, Supplier<List<CandidateVerdict>> candidates, List<String> offeredTo, String why) {
    this.callId = callId;
    this.queueId = queueId;
    this.strategy = strategy;
    this.waited = waited;
    this.effectivePriority = effectivePriority;
    this.skillRuleInputs = Objects.requireNonNull(skillRule, "skillRule");
    this.candidateInputs = Objects.requireNonNull(candidates, "candidates");
    this.offeredTo = List.copyOf(offeredTo);
    this.why = why;
  }

  /**
   * An explanation whose skill rule and verdicts are rendered on first use. The suppliers must read only values
   * captured at offer time (never live engine state) and are called at most once.
   */
  public static OfferExplanation rendered(String callId, String queueId, String strategy, Duration waited,
      int effectivePriority, Supplier<String> skillRule, Supplier<List<CandidateVerdict>> candidates,
      List<String> offeredTo, String why) {
    return new OfferExplanation(callId, queueId, strategy, waited, effectivePriority, skillRule, candidates,
        offeredTo, why);
  }

  public String callId() {
    return callId;
  }

  public String queueId() {
    return queueId;
  }

  public String strategy() {
    return strategy;
  }

  public Duration waited() {
    return waited;
  }

  public int effectivePriority() {
    return effectivePriority;
  }

  public synchronized String skillRule() {
    if (skillRule == null) {
      skillRule = skillRuleInputs.get();
      skillRuleInputs = null;
    }
    return skillRule;
  }

  /** One verdict per member of the queue (per named agent for a direct ring), in member order. */
  public synchronized List<CandidateVerdict> candidates() {
    if (candidates == null) {
      candidates = List.copyOf(candidateInputs.get());
      candidateInputs = null;
    }
    return candidates;
  }

  public List<String> offeredTo() {
    return offeredTo;
  }

  public String why() {
    return why;
  }

  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append("call ").append(callId).append(" in queue ").append(queueId)
        .append(" (strategy ").append(strategy)
        .append(", waited ").append(waited.toMillis() / 1000.0).append(" s")
        .append(", priority ").append(effectivePriority).append(")\n");
    b.append("  skills: ").append(skillRule()).append('\n');
    for (CandidateVerdict v : candidates()) {
      b.append("  ").append(v.describe()).append('\n');
    }
    b.append("  => ").append(why);
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OfferExplanation e && callId.equals(e.callId) && queueId.equals(e.queueId)
        && strategy.equals(e.strategy) && waited.equals(e.waited) && effectivePriority == e.effectivePriority
        && offeredTo.equals(e.offeredTo) && why.equals(e.why) && skillRule().equals(e.skillRule())
        && candidates().equals(e.candidates());
  }

  @Override
  public int hashCode() {
    return Objects.hash(callId, queueId, strategy, waited, effectivePriority, offeredTo, why);
  }

  @Override
  public String toString() {
    return describe();
  }
}
