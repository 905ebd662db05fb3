package io.switchboard.routing.acd.strategy;

import java.util.List;
import java.util.Optional;

/** The strategies by configuration name. */
public final class Strategies {

  private static final List<Strategy> ALL = List.of(new LongestIdle(), new RoundRobin(), new RingAll(),
      new FewestCalls(), new LeastTalkTime(), new Linear(), new RandomPick(), new WeightedRandom());

  private Strategies() {
  }

  public static List<Strategy> all() {
    return ALL;
  }

  public static Optional<Strategy> byName(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
