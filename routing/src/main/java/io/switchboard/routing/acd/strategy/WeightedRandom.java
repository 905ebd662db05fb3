package io.switchboard.routing.acd.strategy;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Random, with each agent's chance proportional to its membership weight in the queue. Uses the Efraimidis–Spirakis
 * key {@code u^(1/w)}: sorting by it descending is a weighted draw without replacement, so the whole ranking (not
 * just the winner) follows the weights.
 */
public final class WeightedRandom implements Strategy {

  @Override
  public String name() {
    return "weighted-random";
  }

  @Override
  public List<Ranked> rank(List<Candidate> eligible, RankingContext context) {
    return eligible.stream()
        .sorted(Comparator.comparingInt(Candidate::memberIndex))
        .map(c -> {
          double key = Math.pow(context.random().nextDouble(), 1.0 / c.weight());
          return new Ranked(c, key, () -> String.format(Locale.ROOT, "weight %d, key %.3f", c.weight(), key));
        })
        .sorted(Comparator.comparingDouble(Ranked::score).reversed())
        .toList();
  }

  @Override
  public String why(Ranked winner) {
    return "weighted draw (weight " + winner.candidate().weight() + ")";
  }
}
