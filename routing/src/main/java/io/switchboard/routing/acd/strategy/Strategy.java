package io.switchboard.routing.acd.strategy;

import java.util.List;

/**
 * How a queue chooses among the agents that passed every filter (state, skills, misses). A strategy only orders;
 * the engine offers the call to the first {@link #fanOut()} of the order. Implementations are stateless: memory
 * (round-robin) lives in the queue and reaches the strategy through {@link RankingContext}, so the engine stays
 * the only owner of state and a replay gives the same answer.
 */
public interface Strategy {

  /** The configuration name, e.g. {@code longest-idle}. */
  String name();

  /** Candidates best first, each with its score. Must return every candidate it was given, exactly once. */
  List<Ranked> rank(List<Candidate> eligible, RankingContext context);

  /** How many of the ranked agents ring at once for one call: 1, or all of them for ring-all. */
  default int fanOut() {
    return 1;
  }

  /** One sentence on why the first of the ranking wins, for the offer explanation. */
  String why(Ranked winner);
}
