package io.switchboard.routing.acd.strategy;

import java.util.Comparator;
import java.util.List;

/** The agent who has been Ready the longest gets the call (the fairest default; Asterisk's {@code leastrecent}). */
public final class LongestIdle implements Strategy {

  @Override
  public String name() {
    return "longest-idle";
  }

  @Override
  public List<Ranked> rank(List<Candidate> eligible, RankingContext context) {
    return eligible.stream()
        .sorted(Comparator.comparing(Candidate::idle).reversed().thenComparingInt(Candidate::memberIndex))
        .map(c -> new Ranked(c, c.idle().toMillis() / 1000.0, () -> "idle " + Seconds.text(c.idle())))
        .toList();
  }

  @Override
  public String why(Ranked winner) {
    return "longest idle (" + Seconds.text(winner.candidate().idle()) + ")";
  }
}
