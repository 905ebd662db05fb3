package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.Decisions.of;
import static io.switchboard.routing.acd.Decisions.offeredAgents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.routing.acd.strategy.RoundRobin;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Queue rules on a manual clock: skills and widening, priority and aging, limits, overflow, weights. */
class QueueRulesTest {

  private final ManualClock clock = new ManualClock();
  private final RoutingEngine engine = new RoutingEngine(clock, new SplittableRandom(1));

  @AfterEach
  void invariantsHold() {
    assertThat(InvariantCheck.check(engine)).isEmpty();
  }

  private void agent(AgentProfile p, boolean ready) {
    engine.addAgent(p);
    engine.login(p.id());
    if (ready) {
      engine.ready(p.id());
    }
  }

  /** Answers whatever rings the agent, so the agent is busy. */
  private void busy(String agentId) {
    Agent a = engine.findAgent(agentId).orElseThrow();
    engine.answer(agentId, a.offeredCall());
  }

  @Test
  void skills_onlyAgentsWithTheProficiencyAreOffered() {
    engine.addQueue(QueueConfig.of("support"));
    agent(AgentProfile.of("anna", "support").withSkill("english", 2), true);
    agent(AgentProfile.of("boris", "support").withSkill("english", 4), true);
    List<Decision> d = engine.callArrived(CallRequest.of("c1", "support").withSkill("english", 4));
    assertThat(offeredAgents(d)).containsExactly("boris");
    assertThat(of(Offer.class, d).get(0).explanation().describe()).contains("anna: filtered by skill (english 2 < 4)");
  }

  @Test
  void widening_relaxesTheSkillAsTheWaitGrows_thenAnyMemberWillDo() {
    engine.addQueue(QueueConfig.of("support").withWidening(SkillWidening.of(
        new WideningStep(Duration.ofSeconds(30), 3, false), new WideningStep(Duration.ofSeconds(60), 0, true))));
    agent(AgentProfile.of("anna", "support").withSkill("english", 2), true);
    agent(AgentProfile.of("boris", "support"), true);

    assertThat(offeredAgents(engine.callArrived(CallRequest.of("c1", "support").withSkill("english", 5)))).isEmpty();
    assertThat(engine.nextDeadline()).contains(clock.instant().plusSeconds(30));
    clock.advanceSeconds(30);
    List<Decision> d = engine.tick();
    assertThat(offeredAgents(d)).as("5 relaxed by 3 is 2: anna qualifies").containsExactly("anna");
    assertThat(of(Offer.class, d).get(0).explanation().skillRule()).startsWith("english>=2");
    busy("anna");

    assertThat(offeredAgents(engine.callArrived(CallRequest.of("c2", "support").withSkill("english", 5)))).isEmpty();
    clock.advanceSeconds(60);
    d = engine.tick();
    assertThat(offeredAgents(d)).as("after 60 s any member will do").containsExactly("boris");
    assertThat(of(Offer.class, d).get(0).explanation().skillRule()).startsWith("any member");
  }

  @Test
  void vipCallerIsServedBeforeEarlierNormalCallers() {
    engine.addQueue(QueueConfig.of("q"));
    agent(AgentProfile.of("anna", "q"), false);
    engine.callArrived(CallRequest.of("normal", "q"));
    List<Decision> d = engine.callArrived(CallRequest.of("vip", "q").withPriority(10));
    assertThat(of(Announce.class, d)).extracting(Announce::position).containsExactly(1);
    assertThat(engine.announcement("normal")).map(Announce::position).contains(2);
    assertThat(offeredAgents(engine.ready("anna"))).isEqualTo(List.of("anna"));
    assertThat(engine.findAgent("anna").orElseThrow().offeredCall()).isEqualTo("vip");
  }

  @Test
  void aging_letsALongWaitingNormalCallerOvertakeAFreshVip() {
    engine.addQueue(QueueConfig.of("q").withAging(new PriorityAging(Duration.ofSeconds(60), 10)));
    agent(AgentProfile.of("anna", "q"), false);
    engine.callArrived(CallRequest.of("normal", "q"));
    clock.advanceSeconds(120); // normal: 0 + 2 points
    engine.callArrived(CallRequest.of("vip", "q").withPriority(1));
    engine.ready("anna");
    assertThat(engine.findAgent("anna").orElseThrow().offeredCall()).isEqualTo("normal");
  }

  @Test
  void equalPriority_isFirstComeFirstServed() {
    engine.addQueue(QueueConfig.of("q"));
    agent(AgentProfile.of("anna", "q"), false);
    for (String c : List.of("c1", "c2", "c3")) {
      engine.callArrived(CallRequest.of(c, "q"));
      clock.advanceSeconds(1);
    }
    engine.ready("anna");
    for (String expected : List.of("c1", "c2", "c3")) {
      assertThat(engine.findAgent("anna").orElseThrow().offeredCall()).isEqualTo(expected);
      engine.answer("anna", expected);
      engine.hangUp(expected);
    }
  }

  @Test
  void maxLength_theNextCallerOverflowsToVoicemail() {
    engine.addQueue(QueueConfig.of("q").withMaxLength(2, OverflowTarget.voicemail()));
    agent(AgentProfile.of("anna", "q"), false);
    engine.callArrived(CallRequest.of("c1", "q"));
    engine.callArrived(CallRequest.of("c2", "q"));
    List<Decision> d = engine.callArrived(CallRequest.of("c3", "q"));
    assertThat(d).containsExactly(
        new Overflow("c3", "q", OverflowTarget.voicemail(), OverflowReason.QUEUE_FULL),
        new CallFinished("c3", Outcome.VOICEMAIL, Duration.ZERO));
  }

  @Test
  void maxWait_theCallerOverflowsToACallback_andARingingAgentIsReleased() {
    engine.addQueue(QueueConfig.of("q").withMaxWait(Duration.ofSeconds(60), OverflowTarget.callback())
        .withRingNoAnswer(Duration.ofSeconds(90), 3));
    agent(AgentProfile.of("anna", "q"), true);
    engine.callArrived(CallRequest.of("c1", "q"));
    assertThat(engine.nextDeadline()).contains(clock.instant().plusSeconds(60));
    clock.advanceSeconds(60);
    List<Decision> d = engine.tick();
    assertThat(d).containsSubsequence(
        new CancelOffer("c1", "anna", CancelReason.CALL_LEFT_QUEUE),
        new Overflow("c1", "q", OverflowTarget.callback(), OverflowReason.MAX_WAIT),
        new CallFinished("c1", Outcome.CALLBACK, Duration.ofSeconds(60)));
    assertThat(engine.findAgent("anna").orElseThrow().state()).isEqualTo(AgentState.READY);
  }

  @Test
  void maxWait_overflowToAnotherQueue_ringsThatQueuesAgent() {
    engine.addQueue(QueueConfig.of("second-line"));
    engine.addQueue(QueueConfig.of("first-line").withMaxWait(Duration.ofSeconds(30),
        OverflowTarget.toQueue("second-line")));
    agent(AgentProfile.of("anna", "first-line"), false);
    agent(AgentProfile.of("boris", "second-line"), true);
    engine.callArrived(CallRequest.of("c1", "first-line"));
    clock.advanceSeconds(30);
    List<Decision> d = engine.tick();
    assertThat(d.get(0)).isEqualTo(
        new Overflow("c1", "first-line", OverflowTarget.toQueue("second-line"), OverflowReason.MAX_WAIT));
    assertThat(offeredAgents(d)).containsExactly("boris");
    assertThat(engine.findCall("c1").orElseThrow().queueId()).isEqualTo("second-line");
  }

  @Test
  void overflowTargetsMustExistFirst_soOverflowCannotLoop() {
    assertThatThrownBy(() -> engine.addQueue(QueueConfig.of("a").withMaxWait(Duration.ofSeconds(5),
        OverflowTarget.toQueue("b")))).isInstanceOf(RoutingRejection.class).hasMessageContaining("unknown queue b");
    assertThatThrownBy(() -> QueueConfig.of("a").withMaxLength(1, OverflowTarget.toQueue("a")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noAgentLoggedIn_callGoesToVoicemailAtOnce() {
    engine.addQueue(QueueConfig.of("q").withWhenNoAgents(OverflowTarget.voicemail()));
    engine.addAgent(AgentProfile.of("anna", "q"));
    List<Decision> d = engine.callArrived(CallRequest.of("c1", "q"));
    assertThat(d).containsExactly(
        new Overflow("c1", "q", OverflowTarget.voicemail(), OverflowReason.NO_AGENTS_LOGGED_IN),
        new CallFinished("c1", Outcome.VOICEMAIL, Duration.ZERO));
  }

  @Test
  void lastAgentLogsOut_waitingCallsLeaveTheQueue() {
    engine.addQueue(QueueConfig.of("q").withWhenNoAgents(OverflowTarget.callback()));
    agent(AgentProfile.of("anna", "q"), false);
    engine.callArrived(CallRequest.of("c1", "q"));
    List<Decision> d = engine.logout("anna");
    assertThat(d).contains(new CallFinished("c1", Outcome.CALLBACK, Duration.ZERO));
  }

  @Test
  void noAgentLoggedIn_withoutAPolicy_theCallWaits() {
    engine.addQueue(QueueConfig.of("q"));
    engine.addAgent(AgentProfile.of("anna", "q"));
    List<Decision> d = engine.callArrived(CallRequest.of("c1", "q"));
    assertThat(d).containsExactly(new Enqueued("c1", "q", 1), new Announce("c1", 1, Optional.empty()));
    assertThat(offeredAgents(engine.login("anna"))).isEmpty();
    assertThat(offeredAgents(engine.ready("anna"))).containsExactly("anna");
  }

  @Test
  void agentInTwoQueues_theHeavierQueueIsServedFirst() {
    engine.addQueue(QueueConfig.of("general"));
    engine.addQueue(QueueConfig.of("vip-line").withWeight(10));
    agent(new AgentProfile("anna", java.util.Map.of(),
        List.of(Membership.of("general"), Membership.of("vip-line"))), false);
    engine.callArrived(CallRequest.of("g1", "general"));
    clock.advanceSeconds(30);
    engine.callArrived(CallRequest.of("v1", "vip-line"));
    engine.ready("anna");
    assertThat(engine.findAgent("anna").orElseThrow().offeredCall()).isEqualTo("v1");
  }

  @Test
  void roundRobin_remembersWhoHadTheLastCall() {
    engine.addQueue(QueueConfig.of("q").withStrategy(new RoundRobin()));
    for (String a : List.of("anna", "boris", "chen")) {
      agent(AgentProfile.of(a, "q"), true);
    }
    List<String> got = new java.util.ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      String call = "c" + i;
      String agent = offeredAgents(engine.callArrived(CallRequest.of(call, "q"))).get(0);
      got.add(agent);
      engine.answer(agent, call);
      engine.hangUp(call);
    }
    assertThat(got).containsExactly("anna", "boris", "chen", "anna");
  }

  @Test
  void periodicAnnouncements_repeatWhileTheCallerWaits() {
    engine.addQueue(QueueConfig.of("q").withAnnounceEvery(Duration.ofSeconds(30)));
    agent(AgentProfile.of("anna", "q"), false);
    engine.callArrived(CallRequest.of("c1", "q"));
    assertThat(engine.nextDeadline()).contains(clock.instant().plusSeconds(30));
    clock.advanceSeconds(30);
    assertThat(of(Announce.class, engine.tick())).extracting(Announce::position).containsExactly(1);
    assertThat(engine.nextDeadline()).contains(clock.instant().plusSeconds(30));
  }
}
