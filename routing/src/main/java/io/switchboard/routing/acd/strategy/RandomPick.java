package io.switchboard.routing.acd.strategy;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Uniformly random among the eligible agents, drawn from the engine's seeded generator (replayable). */
public final class RandomPick implements Strategy {

  @Override
  public String name() {
    return "random";
  }

  @Override
  public List<Ranked> rank(List<Candidate> eligible, RankingContext context) {
    // Candidates arrive in member order, so the draws are assigned deterministically.
    return eligible.stream()
        .sorted(Comparator.comparingInt(Candidate::memberIndex))
        .map(c -> {
          double draw = context.random().nextDouble();
          return new Ranked(c, draw, () -> String.format(Locale.ROOT, "draw %.3f", draw));
        })
        .sorted(Comparator.comparingDouble(Ranked::score).reversed())
        .toList();
  }

  @Override
  public String why(Ranked winner) {
    return "highest random draw";
  }
}
