package io.switchboard.routing.acd.strategy;

import java.util.Comparator;
import java.util.List;

/** Every eligible agent rings at once; the first to answer gets the call, the others are cancelled. */
public final class RingAll implements Strategy {

  @Override
  public String name() {
    return "ring-all";
  }

  @Override
  public List<Ranked> rank(List<Candidate> eligible, RankingContext context) {
    return eligible.stream()
        .sorted(Comparator.comparingInt(Candidate::memberIndex))
        .map(c -> new Ranked(c, 0, () -> "rings with all"))
        .toList();
  }

  @Override
  public int fanOut() {
    return Integer.MAX_VALUE;
  }

  @Override
  public String why(Ranked winner) {
    return "ring-all: every eligible agent rings";
  }
}
