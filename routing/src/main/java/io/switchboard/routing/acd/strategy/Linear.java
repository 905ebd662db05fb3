package io.switchboard.routing.acd.strategy;

import java.util.Comparator;
import java.util.List;

/** Top-down: always the first available member in the configured order (first line before second line). */
public final class Linear implements Strategy {

  @Override
  public String name() {
    return "linear";
  }

  @Override
  public List<Ranked> rank(List<Candidate> eligible, RankingContext context) {
    return eligible.stream()
        .sorted(Comparator.comparingInt(Candidate::memberIndex))
        .map(c -> new Ranked(c, c.memberIndex(), () -> "member #" + (c.memberIndex() + 1)))
        .toList();
  }

  @Override
  public String why(Ranked winner) {
    return "first available in member order (#" + (winner.candidate().memberIndex() + 1) + ")";
  }
}
