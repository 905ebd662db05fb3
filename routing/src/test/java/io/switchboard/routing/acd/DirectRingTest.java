package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.Decisions.of;
import static io.switchboard.routing.acd.Decisions.offeredAgents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Direct rings for the personal-manager cascade: reserved agents, no queue offers to them, stop, safety net. */
class DirectRingTest {

  private static final Duration SAFETY = Duration.ofSeconds(30);

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

  private AgentState stateOf(String agent) {
    return engine.findAgent(agent).orElseThrow().state();
  }

  @Test
  void readyAgentsRing_othersAreSkippedWithTheirReason() {
    staff(QueueConfig.of("support"), "anna", "boris", "chen");
    engine.notReady("boris", "lunch");
    List<Decision> d = engine.ringDirect("d1", "support", List.of("anna", "boris", "chen"), SAFETY);

    assertThat(offeredAgents(d)).containsExactly("anna", "chen");
    Offer offer = of(Offer.class, d).get(0);
    assertThat(offer.timeout()).isEqualTo(SAFETY);
    assertThat(offer.explanation().why()).startsWith("direct ring: personal-manager cascade")
        .contains("offered to anna, chen").contains("skipped boris (Not ready: lunch)");
    assertThat(offer.explanation().describe()).contains("boris: filtered by state (Not ready: lunch)");
    assertThat(stateOf("anna")).isEqualTo(AgentState.RINGING);
    RoutedCall call = engine.findCall("d1").orElseThrow();
    assertThat(call.direct()).isTrue();
    assertThat(call.queueId()).isEqualTo("support");
    assertThat(engine.findQueue("support").orElseThrow().waiting()).as("a direct call waits in no queue").isEmpty();
    assertThat(engine.nextDeadline()).contains(clock.instant().plus(SAFETY));
  }

  @Test
  void nobodyReady_noOffer() {
    staff(QueueConfig.of("support"), "anna");
    engine.notReady("anna", "lunch");
    List<Decision> d = engine.ringDirect("d1", "support", List.of("anna"), SAFETY);
    assertThat(of(Offer.class, d)).isEmpty();
    assertThat(stateOf("anna")).isEqualTo(AgentState.NOT_READY);
  }

  @Test
  void aQueueCallIsNeverOfferedToAnAgentRungDirectly() {
    staff(QueueConfig.of("support"), "anna");
    engine.ringDirect("d1", "support", List.of("anna"), SAFETY);

    List<Decision> d = engine.callArrived(CallRequest.of("c1", "support"));
    assertThat(offeredAgents(d)).isEmpty();
    assertThat(of(Enqueued.class, d)).hasSize(1);

    // The cascade moves on: anna is free again and takes the queue call in the same event.
    d = engine.stopDirect("d1");
    assertThat(d).containsSubsequence(new CancelOffer("d1", "anna", CancelReason.STOPPED),
        new AgentStateChanged("anna", AgentState.RINGING, AgentState.READY, "direct ring stopped"));
    assertThat(of(Offer.class, d)).extracting(Offer::callId, Offer::agentId).containsExactly(
        org.assertj.core.groups.Tuple.tuple("c1", "anna"));
  }

  @Test
  void aRingingQueueCallDoesNotGetTheAgentRungDirectly() {
    staff(QueueConfig.of("support"), "anna");
    engine.callArrived(CallRequest.of("c1", "support"));
    List<Decision> d = engine.ringDirect("d1", "support", List.of("anna"), SAFETY);
    assertThat(of(Offer.class, d)).isEmpty();
    assertThat(engine.findAgent("anna").orElseThrow().offeredCall()).isEqualTo("c1");
  }

  @Test
  void stopDirect_thenCallArrivedWithTheSameId_queuesIt_noOutcomeNoMiss() {
    staff(QueueConfig.of("support"), "anna");
    engine.ringDirect("d1", "support", List.of("anna"), SAFETY);
    clock.advanceSeconds(20);
    List<Decision> stop = engine.stopDirect("d1");
    assertThat(of(CallFinished.class, stop)).as("the call goes on elsewhere").isEmpty();
    assertThat(engine.findCall("d1")).isEmpty();
    assertThat(engine.findAgent("anna").orElseThrow().consecutiveMisses()).as("not a ring-no-answer").isZero();

    List<Decision> d = engine.callArrived(CallRequest.of("d1", "support"));
    assertThat(offeredAgents(d)).containsExactly("anna");
    assertThat(engine.findCall("d1").orElseThrow().direct()).isFalse();
    engine.answer("anna", "d1");
    assertThat(of(CallFinished.class, engine.hangUp("d1"))).extracting(CallFinished::outcome)
        .containsExactly(Outcome.ANSWERED);
  }

  @Test
  void stopDirect_isIdempotent_andRefusesAQueueCall() {
    staff(QueueConfig.of("support"), "anna");
    engine.ringDirect("d1", "support", List.of("anna"), SAFETY);
    engine.stopDirect("d1");
    assertThat(engine.stopDirect("d1")).isEmpty();
    assertThat(engine.stopDirect("never-seen")).isEmpty();
    engine.notReady("anna", "lunch");
    engine.callArrived(CallRequest.of("c1", "support"));
    assertThatThrownBy(() -> engine.stopDirect("c1")).isInstanceOf(RoutingRejection.class)
        .hasMessageContaining("not a direct ring");
  }

  @Test
  void nextCascadeStep_addsAgents() {
    staff(QueueConfig.of("support"), "anna", "boris", "chen");
    engine.ringDirect("d1", "support", List.of("anna"), SAFETY);
    clock.advanceSeconds(10);
    // Next step without a stop in between: anna keeps ringing, boris is added, anna is not offered twice.
    List<Decision> d = engine.ringDirect("d1", "support", List.of("anna", "boris"), SAFETY);
    assertThat(offeredAgents(d)).containsExactly("boris");
    assertThat(of(Offer.class, d).get(0).explanation().why()).contains("skipped anna (ringing for d1)");
    assertThat(engine.findCall("d1").orElseThrow().ringing()).containsExactly("anna", "boris");
    assertThat(engine.nextDeadline()).as("the later safety deadline").contains(clock.instant().plus(SAFETY));
    // The usual way: the flow stops the step, then rings the next one.
    engine.stopDirect("d1");
    d = engine.ringDirect("d1", "support", List.of("chen"), SAFETY);
    assertThat(offeredAgents(d)).containsExactly("chen");
    assertThat(stateOf("anna")).isEqualTo(AgentState.READY);
  }

  @Test
  void answer_connects_othersCancelled_hangUpFinishesAnsweredWithTheQueuesWrapUp() {
    staff(QueueConfig.of("support").withWrapUp(Duration.ofSeconds(30)), "anna", "boris");
    engine.ringDirect("d1", "support", List.of("anna", "boris"), SAFETY);
    clock.advanceSeconds(4);
    List<Decision> d = engine.answer("boris", "d1");
    assertThat(d).containsSubsequence(new CancelOffer("d1", "anna", CancelReason.ANSWERED_ELSEWHERE),
        new Connect("d1", "boris", "support", Duration.ofSeconds(4)));
    assertThat(engine.stopDirect("d1")).as("the flow's StopRinging after the answer changes nothing").isEmpty();
    assertThat(engine.nextDeadline()).as("a connected call has no safety deadline").isEmpty();

    clock.advanceSeconds(60);
    d = engine.hangUp("d1");
    assertThat(d).contains(new CallFinished("d1", Outcome.ANSWERED, Duration.ofSeconds(4)),
        new AgentStateChanged("boris", AgentState.ON_CALL, AgentState.WRAP_UP, "call ended"));
    assertThat(engine.findAgent("boris").orElseThrow().callsTaken()).isEqualTo(1);
    assertThat(engine.findQueue("support").orElseThrow().averageHandleTime())
        .as("statistics of the queue: 3 min + 0.02 x (90 s - 3 min)").isEqualTo(Duration.ofMillis(178_200));
    assertThat(engine.nextDeadline()).contains(clock.instant().plusSeconds(30));
  }

  @Test
  void hangUpWhileRinging_isAbandoned_offersCancelled() {
    staff(QueueConfig.of("support"), "anna");
    engine.ringDirect("d1", "support", List.of("anna"), SAFETY);
    clock.advanceSeconds(3);
    List<Decision> d = engine.hangUp("d1");
    assertThat(d).containsSubsequence(new CancelOffer("d1", "anna", CancelReason.CALLER_HUNG_UP),
        new CallFinished("d1", Outcome.ABANDONED, Duration.ofSeconds(3)));
    assertThat(stateOf("anna")).isEqualTo(AgentState.READY);
  }

  @Test
  void safetyTimeout_cancelsTheRing_andForgetsTheCall() {
    staff(QueueConfig.of("support"), "anna");
    engine.ringDirect("d1", "support", List.of("anna"), SAFETY);
    clock.advance(SAFETY);
    List<Decision> d = engine.tick();
    assertThat(d).containsSubsequence(new CancelOffer("d1", "anna", CancelReason.TIMEOUT),
        new AgentStateChanged("anna", AgentState.RINGING, AgentState.READY, "direct ring stopped"));
    assertThat(of(CallFinished.class, d)).isEmpty();
    assertThat(engine.findCall("d1")).isEmpty();
    assertThat(engine.nextDeadline()).isEmpty();
    assertThat(engine.stopDirect("d1")).as("the server's late stop").isEmpty();
    assertThat(offeredAgents(engine.callArrived(CallRequest.of("d1", "support")))).containsExactly("anna");
  }

  @Test
  void declineOrNotReady_freesTheAgent_withoutAMiss_theCallStays() {
    staff(QueueConfig.of("support").withRingNoAnswer(Duration.ofSeconds(10), 1), "anna", "boris");
    engine.ringDirect("d1", "support", List.of("anna", "boris"), SAFETY);
    List<Decision> d = engine.decline("anna", "d1");
    assertThat(d).containsSubsequence(new CancelOffer("d1", "anna", CancelReason.DECLINED),
        new AgentStateChanged("anna", AgentState.RINGING, AgentState.READY, "declined direct ring d1"));
    assertThat(engine.findAgent("anna").orElseThrow().consecutiveMisses()).isZero();
    d = engine.notReady("boris", "lunch");
    assertThat(d).contains(new CancelOffer("d1", "boris", CancelReason.AGENT_UNAVAILABLE));
    assertThat(engine.findCall("d1").orElseThrow().ringing()).isEmpty();
    assertThat(engine.nextDeadline()).as("the call still ends at its safety deadline")
        .contains(clock.instant().plus(SAFETY));
  }

  @Test
  void badRequests_areRefused_andChangeNothing() {
    staff(QueueConfig.of("support"), "anna");
    engine.addQueue(QueueConfig.of("sales"));
    engine.callArrived(CallRequest.of("c1", "support"));
    engine.notReady("anna", "lunch");
    engine.ringDirect("d1", "support", List.of("anna"), SAFETY);
    String before = engine.debugState();
    assertThatThrownBy(() -> engine.ringDirect("c1", "support", List.of("anna"), SAFETY))
        .isInstanceOf(RoutingRejection.class).hasMessageContaining("cannot be rung directly");
    assertThatThrownBy(() -> engine.ringDirect("d2", "support", List.of("anna", "ghost"), SAFETY))
        .isInstanceOf(RoutingRejection.class).hasMessageContaining("unknown agent ghost");
    assertThatThrownBy(() -> engine.ringDirect("d2", "nowhere", List.of("anna"), SAFETY))
        .isInstanceOf(RoutingRejection.class).hasMessageContaining("unknown queue");
    assertThatThrownBy(() -> engine.ringDirect("d2", "support", List.of(), SAFETY))
        .isInstanceOf(RoutingRejection.class).hasMessageContaining("at least one agent");
    assertThatThrownBy(() -> engine.ringDirect("d2", "support", List.of("anna", "anna"), SAFETY))
        .isInstanceOf(RoutingRejection.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> engine.ringDirect("d2", "support", List.of("anna"), Duration.ZERO))
        .isInstanceOf(RoutingRejection.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> engine.ringDirect("d1", "sales", List.of("anna"), SAFETY))
        .isInstanceOf(RoutingRejection.class).hasMessageContaining("not sales");
    assertThatThrownBy(() -> engine.callArrived(CallRequest.of("d1", "support")))
        .isInstanceOf(RoutingRejection.class).hasMessageContaining("already routed");
    assertThat(engine.debugState()).isEqualTo(before);
  }
}
