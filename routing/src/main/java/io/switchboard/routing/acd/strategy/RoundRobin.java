package io.switchboard.routing.acd.strategy;

import java.util.Comparator;
import java.util.List;

/**
 * Round-robin with memory: starts after the member the queue offered to last and wraps around, so every member
 * gets its turn even when agents come and go (Asterisk's {@code rrmemory}).
 */
public final class RoundRobin implements Strategy {

  @Override
  public String name() {
    return "round-robin";
  }

  @Override
  public List<Ranked> rank(List<Candidate> eligible, RankingContext context) {
    int last = context.lastOfferedMemberIndex();
    int size = Math.max(1, context.memberCount());
    return eligible.stream()
        .map(c -> {
          // Distance after the last offered member, wrapping: last+1 is 0 steps away, last itself is the farthest.
          int steps = Math.floorMod(c.memberIndex() - last - 1, size);
          return new Ranked(c, steps, () -> "turn +" + steps);
        })
        .sorted(Comparator.comparingDouble(Ranked::score).thenComparingInt(r -> r.candidate().memberIndex()))
        .toList();
  }

  @Override
  public String why(Ranked winner) {
    return "next in turn after the last offered member";
  }
}
