package io.switchboard.routing.acd.strategy;

import java.util.Comparator;
import java.util.List;

/** The agent with the least total talk time gets the call; ties go to the longest idle. */
public final class LeastTalkTime implements Strategy {

  @Override
  public String name() {
    return "least-talk-time";
  }

  @Override
  public List<Ranked> rank(List<Candidate> eligible, RankingContext context) {
    return eligible.stream()
        .sorted(Comparator.comparing(Candidate::talkTime)
            .thenComparing(Comparator.comparing(Candidate::idle).reversed())
            .thenComparingInt(Candidate::memberIndex))
        .map(c -> new Ranked(c, c.talkTime().toMillis() / 1000.0, () -> "talked " + Seconds.text(c.talkTime())))
        .toList();
  }

  @Override
  public String why(Ranked winner) {
    return "least talk time (" + Seconds.text(winner.candidate().talkTime()) + ")";
  }
}
