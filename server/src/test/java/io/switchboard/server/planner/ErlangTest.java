package io.switchboard.server.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Erlang B and C against published figures: the Erlang B table's 1 % column (5 lines carry 1.36 E, 10 lines 4.46 E,
 * 20 lines 12.03 E) and the classic Erlang C worked example (10 Erlangs: 100 calls per half hour of 180 s), whose
 * waiting probabilities 68.21 % / 44.94 % / 28.53 % / 17.41 % for 11–14 agents are printed in every textbook.
 */
class ErlangTest {

  @Test
  void erlangB_matchesTheOnePercentColumnOfThePublishedTable() {
    assertThat(ErlangB.blocking(5, 1.36)).isCloseTo(0.01, within(0.0005));
    assertThat(ErlangB.blocking(10, 4.46)).isCloseTo(0.01, within(0.0005));
    assertThat(ErlangB.blocking(20, 12.03)).isCloseTo(0.01, within(0.0005));
    assertThat(ErlangB.linesFor(4.46, 0.01)).isEqualTo(10);
    assertThat(ErlangB.linesFor(12.03, 0.01)).isEqualTo(20);
  }

  @Test
  void erlangB_smallCasesByHand() {
    assertThat(ErlangB.blocking(0, 3)).isEqualTo(1.0); // no line: everyone is refused
    assertThat(ErlangB.blocking(1, 1)).isCloseTo(0.5, within(1e-12)); // A/(1+A)
    assertThat(ErlangB.blocking(2, 1)).isCloseTo(0.2, within(1e-12)); // (1/2)/(1+1+1/2)
    assertThat(ErlangB.blocking(3, 0)).isEqualTo(0.0);
  }

  @Test
  void erlangB_staysFiniteForAThousandLines() {
    double b = ErlangB.blocking(1000, 1000);
    // Large-A asymptote: B(A, A) ≈ 1 / sqrt(πA/2) minus a small correction, about 0.0250 at A = 1000.
    assertThat(b).isBetween(0.023, 0.026);
  }

  @Test
  void erlangC_matchesTheTextbookTenErlangExample() {
    assertThat(ErlangC.waitProbability(11, 10)).isCloseTo(0.6821, within(0.00005));
    assertThat(ErlangC.waitProbability(12, 10)).isCloseTo(0.4494, within(0.00005));
    assertThat(ErlangC.waitProbability(13, 10)).isCloseTo(0.2853, within(0.00005));
    assertThat(ErlangC.waitProbability(14, 10)).isCloseTo(0.1741, within(0.00005));
    // With 14 agents: 88.84 % answered within 20 s, ASA 7.8 s.
    assertThat(ErlangC.serviceLevel(14, 10, 180, 20)).isCloseTo(0.8884, within(0.00005));
    assertThat(ErlangC.averageSpeedOfAnswer(14, 10, 180)).isCloseTo(7.84, within(0.005));
  }

  @Test
  void erlangC_withTooFewAgents_nobodyIsServedInTime() {
    assertThat(ErlangC.waitProbability(10, 10)).isEqualTo(1.0);
    assertThat(ErlangC.serviceLevel(9, 10, 180, 20)).isEqualTo(0.0);
    assertThat(ErlangC.averageSpeedOfAnswer(10, 10, 180)).isInfinite();
  }

  @Test
  void planner_hundredCallsAnHourOf180s_at80in20_needsEightAgents() {
    HourPlan plan = new CapacityPlanner(StaffingTarget.DEFAULT).plan(100, 180, 180);

    assertThat(plan.erlangs()).isCloseTo(5.0, within(1e-12));
    assertThat(plan.agents()).isEqualTo(8); // 7 agents reach only 74.0 %
    assertThat(plan.serviceLevel()).isCloseTo(0.8801, within(0.00005));
    assertThat(plan.waitProbability()).isCloseTo(0.1673, within(0.00005));
    assertThat(plan.asaSeconds()).isCloseTo(10.04, within(0.005));
    assertThat(plan.occupancy()).isCloseTo(0.625, within(1e-12));
    assertThat(plan.lines()).isEqualTo(12); // 8 × 1.5
    assertThat(plan.lineErlangs()).isCloseTo(100 * (180 + plan.asaSeconds()) / 3600, within(1e-9));
    assertThat(plan.lineBlocking()).isCloseTo(ErlangB.blocking(12, plan.lineErlangs()), within(1e-15));
    assertThat(plan.lineBlocking()).isLessThan(0.01);
  }

  @Test
  void planner_twoHundredCallsAnHour_isTheTenErlangExample_fourteenAgents() {
    HourPlan plan = new CapacityPlanner(StaffingTarget.DEFAULT).plan(200, 180, 180);
    assertThat(plan.agents()).isEqualTo(14); // 13 agents give 79.56 %, just short of 80 %
    assertThat(plan.lines()).isEqualTo(21);
  }

  @Test
  void planner_anAsaTargetOrAnOccupancyCap_addsAgents() {
    // 8 agents give an ASA of 10.0 s; 5 s needs 9 (3.6 s).
    assertThat(new CapacityPlanner(new StaffingTarget(0.8, 20, 5, 1, 1.5, 0.01)).plan(100, 180, 180).agents())
        .isEqualTo(9);
    // 5 Erlangs at most 50 % busy: 10 agents.
    assertThat(new CapacityPlanner(new StaffingTarget(0.8, 20, 0, 0.5, 1.5, 0.01)).plan(100, 180, 180).agents())
        .isEqualTo(10);
  }

  @Test
  void planner_noCalls_noAgents() {
    HourPlan plan = new CapacityPlanner(StaffingTarget.DEFAULT).plan(0, 180, 180);
    assertThat(plan.agents()).isZero();
    assertThat(plan.lines()).isZero();
    assertThat(plan.serviceLevel()).isEqualTo(1.0);
  }

  @Test
  void planner_largeCentre_staysFinite() {
    HourPlan plan = new CapacityPlanner(StaffingTarget.DEFAULT).plan(18_000, 180, 180); // 900 Erlangs
    assertThat(plan.agents()).isBetween(901, 960);
    assertThat(plan.serviceLevel()).isBetween(0.8, 1.0);
    assertThat(ErlangC.serviceLevel(plan.agents() - 1, 900, 180, 20)).isLessThan(0.8);
  }

  @Test
  void badInput_isRejectedWithItsName() {
    CapacityPlanner planner = new CapacityPlanner(StaffingTarget.DEFAULT);
    assertThatThrownBy(() -> planner.plan(-1, 180, 180)).hasMessageContaining("calls per hour");
    assertThatThrownBy(() -> planner.plan(100, 0, 180)).hasMessageContaining("handle time");
    assertThatThrownBy(() -> planner.plan(Double.NaN, 180, 180)).hasMessageContaining("calls per hour");
    assertThatThrownBy(() -> new StaffingTarget(1.2, 20, 0, 1, 1.5, 0.01)).hasMessageContaining("service level");
    assertThatThrownBy(() -> ErlangB.blocking(-1, 2)).hasMessageContaining("lines");
  }
}
