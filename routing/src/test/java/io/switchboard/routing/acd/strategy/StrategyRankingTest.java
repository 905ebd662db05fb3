package io.switchboard.routing.acd.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each strategy on its own: given the same candidates, who comes first and why. */
class StrategyRankingTest {

  // member index, weight, idle, calls, talk
  private final Candidate anna = new Candidate("anna", 0, 1, Duration.ofSeconds(30), 5, Duration.ofMinutes(20));
  private final Candidate boris = new Candidate("boris", 1, 3, Duration.ofSeconds(90), 9, Duration.ofMinutes(10));
  private final Candidate chen = new Candidate("chen", 2, 1, Duration.ofSeconds(60), 2, Duration.ofMinutes(40));
  private final List<Candidate> all = List.of(chen, anna, boris);

  private static RankingContext context(int lastOffered) {
    return new RankingContext(new SplittableRandom(7), lastOffered, 3);
  }

  private static List<String> order(List<Ranked> ranking) {
    return ranking.stream().map(r -> r.candidate().agentId()).toList();
  }

  @Test
  void longestIdle_prefersTheAgentReadyTheLongest() {
    List<Ranked> r = new LongestIdle().rank(all, context(-1));
    assertThat(order(r)).containsExactly("boris", "chen", "anna");
    assertThat(r.get(0).scoreText()).isEqualTo("idle 90 s");
    assertThat(new LongestIdle().why(r.get(0))).isEqualTo("longest idle (90 s)");
  }

  @Test
  void longestIdle_tiesGoToMemberOrder() {
    Candidate x = new Candidate("x", 4, 1, Duration.ofSeconds(10), 0, Duration.ZERO);
    Candidate y = new Candidate("y", 1, 1, Duration.ofSeconds(10), 0, Duration.ZERO);
    assertThat(order(new LongestIdle().rank(List.of(x, y), context(-1)))).containsExactly("y", "x");
  }

  @Test
  void roundRobin_startsAfterTheLastOfferedMemberAndWraps() {
    assertThat(order(new RoundRobin().rank(all, context(-1)))).containsExactly("anna", "boris", "chen");
    assertThat(order(new RoundRobin().rank(all, context(0)))).containsExactly("boris", "chen", "anna");
    assertThat(order(new RoundRobin().rank(all, context(1)))).containsExactly("chen", "anna", "boris");
    assertThat(order(new RoundRobin().rank(all, context(2)))).containsExactly("anna", "boris", "chen");
  }

  @Test
  void roundRobin_skipsMembersThatAreNotCandidates() {
    // boris (index 1) is busy: after anna (0) comes chen (2).
    assertThat(order(new RoundRobin().rank(List.of(anna, chen), context(0)))).containsExactly("chen", "anna");
  }

  @Test
  void ringAll_offersEveryCandidateInMemberOrder() {
    RingAll ringAll = new RingAll();
    assertThat(order(ringAll.rank(all, context(-1)))).containsExactly("anna", "boris", "chen");
    assertThat(ringAll.fanOut()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void fewestCalls_prefersTheAgentWithFewestAnsweredCalls() {
    List<Ranked> r = new FewestCalls().rank(all, context(-1));
    assertThat(order(r)).containsExactly("chen", "anna", "boris");
    assertThat(r.get(0).scoreText()).isEqualTo("2 calls");
  }

  @Test
  void leastTalkTime_prefersTheAgentWhoTalkedLeast() {
    assertThat(order(new LeastTalkTime().rank(all, context(-1)))).containsExactly("boris", "anna", "chen");
  }

  @Test
  void linear_alwaysTakesTheTopMostAvailableMember() {
    assertThat(order(new Linear().rank(all, context(1)))).containsExactly("anna", "boris", "chen");
    assertThat(order(new Linear().rank(List.of(chen, boris), context(-1)))).containsExactly("boris", "chen");
  }

  @Test
  void random_isReproducibleWithTheSameSeed() {
    List<String> first = order(new RandomPick().rank(all, context(-1)));
    List<String> again = order(new RandomPick().rank(all, context(-1)));
    assertThat(first).isEqualTo(again).containsExactlyInAnyOrder("anna", "boris", "chen");
  }

  @Test
  void random_spreadsCallsEvenly() {
    Map<String, Integer> wins = winsOver(new RandomPick(), 30_000, 11);
    assertThat(wins.values()).allSatisfy(w -> assertThat(w).isBetween(9_400, 10_600));
  }

  @Test
  void weightedRandom_winsInProportionToMembershipWeight() {
    // Weights anna 1, boris 3, chen 1: boris should win 3/5 of the draws.
    Map<String, Integer> wins = winsOver(new WeightedRandom(), 50_000, 13);
    assertThat(wins.get("boris")).isBetween(29_000, 31_000);
    assertThat(wins.get("anna")).isBetween(9_400, 10_600);
    assertThat(wins.get("chen")).isBetween(9_400, 10_600);
  }

  @Test
  void everyStrategyReturnsEachCandidateExactlyOnce() {
    for (Strategy s : Strategies.all()) {
      assertThat(order(s.rank(all, context(1)))).as(s.name()).containsExactlyInAnyOrder("anna", "boris", "chen");
      assertThat(Strategies.byName(s.name())).contains(s);
    }
  }

  private Map<String, Integer> winsOver(Strategy s, int draws, long seed) {
    RankingContext ctx = new RankingContext(new Random(seed), -1, 3);
    Map<String, Integer> wins = new HashMap<>();
    for (int i = 0; i < draws; i++) {
      wins.merge(s.rank(all, ctx).get(0).candidate().agentId(), 1, Integer::sum);
    }
    return wins;
  }
}
