package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.Decisions.of;
import static io.switchboard.routing.acd.Decisions.offeredAgents;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.acd.strategy.Linear;
import io.switchboard.routing.acd.strategy.RingAll;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Offers that are not answered: timeout to the next agent, N misses in a row to Not ready, declines, ring-all. */
class RingNoAnswerTest {

  private final ManualClock clock = new ManualClock();
  private final RoutingEngine engine = new RoutingEngine(clock, new SplittableRandom(1));

  @AfterEach
  void invariantsHold() {
    assertThat(InvariantCheck.check(engine)).isEmpty();
  }

  private void staff(QueueConfig q, String... agents) {
    engine.addQueue(q);
    for (String a : agents) {
      engine.addAgent(AgentProfile.of(a, q.id()));
      engine.login(a);
      engine.ready(a);
    }
  }

  @Test
  void offerTimesOut_callGoesToTheNextAgent_firstAgentIsReadyAgain() {
    staff(QueueConfig.of("q").withStrategy(new Linear()).withRingNoAnswer(Duration.ofSeconds(15), 3), "anna", "boris");
    engine.callArrived(CallRequest.of("c1", "q"));
    assertThat(engine.nextDeadline()).contains(clock.instant().plusSeconds(15));
    clock.advanceSeconds(15);
    List<Decision> d = engine.tick();
    assertThat(d).containsSubsequence(new CancelOffer("c1", "anna", CancelReason.TIMEOUT),
        new AgentStateChanged("anna", AgentState.RINGING, AgentState.READY, "missed c1"));
    assertThat(offeredAgents(d)).as("linear would pick anna again; she just missed it").containsExactly("boris");
    Offer offer = of(Offer.class, d).get(0);
    assertThat(offer.explanation().describe()).contains("anna: filtered by ring-no-answer");
  }

  @Test
  void whenEveryoneMissedTheCall_itRingsThemAgainRatherThanWait() {
    staff(QueueConfig.of("q").withRingNoAnswer(Duration.ofSeconds(10), 5), "anna");
    engine.callArrived(CallRequest.of("c1", "q"));
    clock.advanceSeconds(10);
    List<Decision> d = engine.tick();
    assertThat(offeredAgents(d)).containsExactly("anna");
  }

  @Test
  void threeMissesInARow_putTheAgentNotReady_ringNoAnswer() {
    staff(QueueConfig.of("q").withRingNoAnswer(Duration.ofSeconds(10), 3), "anna");
    engine.callArrived(CallRequest.of("c1", "q"));
    for (int i = 0; i < 2; i++) {
      clock.advanceSeconds(10);
      engine.tick();
      assertThat(engine.findAgent("anna").orElseThrow().state()).isEqualTo(AgentState.RINGING);
    }
    clock.advanceSeconds(10);
    List<Decision> d = engine.tick();
    assertThat(d).contains(new AgentStateChanged("anna", AgentState.RINGING, AgentState.NOT_READY, "ring-no-answer"));
    assertThat(engine.findCall("c1").orElseThrow().ringing()).isEmpty();
  }

  @Test
  void anAnswerResetsTheMissCounter() {
    staff(QueueConfig.of("q").withRingNoAnswer(Duration.ofSeconds(10), 2), "anna");
    engine.callArrived(CallRequest.of("c1", "q"));
    clock.advanceSeconds(10);
    engine.tick();
    assertThat(engine.findAgent("anna").orElseThrow().consecutiveMisses()).isEqualTo(1);
    engine.answer("anna", "c1");
    assertThat(engine.findAgent("anna").orElseThrow().consecutiveMisses()).isZero();
  }

  @Test
  void decline_countsAsAMiss_andRingsTheNextAgent() {
    staff(QueueConfig.of("q").withStrategy(new Linear()), "anna", "boris");
    engine.callArrived(CallRequest.of("c1", "q"));
    List<Decision> d = engine.decline("anna", "c1");
    assertThat(of(CancelOffer.class, d)).containsExactly(new CancelOffer("c1", "anna", CancelReason.DECLINED));
    assertThat(offeredAgents(d)).containsExactly("boris");
    assertThat(engine.findAgent("anna").orElseThrow().consecutiveMisses()).isEqualTo(1);
  }

  @Test
  void ringAll_firstAnswerWins_othersAreCancelled() {
    staff(QueueConfig.of("q").withStrategy(new RingAll()), "anna", "boris", "chen");
    List<Decision> arrived = engine.callArrived(CallRequest.of("c1", "q"));
    assertThat(offeredAgents(arrived)).containsExactly("anna", "boris", "chen");
    List<Decision> d = engine.answer("boris", "c1");
    assertThat(of(CancelOffer.class, d)).containsExactly(
        new CancelOffer("c1", "anna", CancelReason.ANSWERED_ELSEWHERE),
        new CancelOffer("c1", "chen", CancelReason.ANSWERED_ELSEWHERE));
    assertThat(engine.agents()).extracting(Agent::state)
        .containsExactly(AgentState.READY, AgentState.ON_CALL, AgentState.READY);
  }

  @Test
  void ringAll_oneRingerGoesNotReady_othersKeepRinging() {
    staff(QueueConfig.of("q").withStrategy(new RingAll()), "anna", "boris");
    engine.callArrived(CallRequest.of("c1", "q"));
    engine.notReady("anna", "break");
    assertThat(engine.findCall("c1").orElseThrow().ringing()).containsExactly("boris");
  }

  @Test
  void ringAll_timeoutCountsAMissForEveryRinger() {
    staff(QueueConfig.of("q").withStrategy(new RingAll()).withRingNoAnswer(Duration.ofSeconds(10), 1),
        "anna", "boris");
    engine.callArrived(CallRequest.of("c1", "q"));
    clock.advanceSeconds(10);
    engine.tick();
    assertThat(engine.agents()).extracting(Agent::state).containsOnly(AgentState.NOT_READY);
  }
}
