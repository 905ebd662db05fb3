package io.switchboard.routing.acd.strategy;

import java.util.Comparator;
import java.util.List;

/** The agent who answered the fewest calls gets the next one; ties go to the longest idle. */
public final class FewestCalls implements Strategy {

  @Override
  public String name() {
    return "fewest-calls";
  }

  @Override
  public List<Ranked> rank(List<Candidate> eligible, RankingContext context) {
    return eligible.stream()
        .sorted(Comparator.comparingInt(Candidate::callsTaken)
            .thenComparing(Comparator.comparing(Candidate::idle).reversed())
            .thenComparingInt(Candidate::memberIndex))
        .map(c -> new Ranked(c, c.callsTaken(), () -> c.callsTaken() + " calls"))
        .toList();
  }

  @Override
  public String why(Ranked winner) {
    return "fewest calls answered (" + winner.candidate().callsTaken() + ")";
  }
}
