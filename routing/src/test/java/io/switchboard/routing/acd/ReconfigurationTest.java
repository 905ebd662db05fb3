package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.Decisions.of;
import static io.switchboard.routing.acd.Decisions.offeredAgents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.routing.acd.strategy.Linear;
import io.switchboard.routing.acd.strategy.RoundRobin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live reconfiguration while calls are up: queue rules, agents' skills and memberships, removals. */
class ReconfigurationTest {

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

  private CallQueue queue(String id) {
    return engine.findQueue(id).orElseThrow();
  }

  @Test
  void updateQueue_keepsWaitingCallsMembersMemoryAndHandleTime_newStrategyAppliesToTheNextOffer() {
    engine.addQueue(QueueConfig.of("q").withStrategy(new RoundRobin()));
    agent(AgentProfile.of("anna", "q"), true);
    agent(AgentProfile.of("boris", "q"), true);
    agent(AgentProfile.of("chen", "q"), true);
    engine.callArrived(CallRequest.of("c0", "q"));  // round-robin: anna
    engine.answer("anna", "c0");
    clock.advanceSeconds(120);
    engine.hangUp("c0");
    Duration aht = queue("q").averageHandleTime();
    engine.notReady("boris", "lunch");
    engine.notReady("chen", "lunch");
    engine.callArrived(CallRequest.of("c1", "q"));  // anna takes it
    engine.callArrived(CallRequest.of("c2", "q"));
    engine.callArrived(CallRequest.of("c3", "q"));

    engine.updateQueue(QueueConfig.of("q").withStrategy(new RoundRobin()).withWrapUp(Duration.ofSeconds(5)));
    assertThat(queue("q").waiting()).extracting(RoutedCall::id).containsExactly("c1", "c2", "c3");
    assertThat(queue("q").members()).containsExactly("anna", "boris", "chen");
    assertThat(queue("q").averageHandleTime()).isEqualTo(aht);
    assertThat(queue("q").config().wrapUp()).isEqualTo(Duration.ofSeconds(5));

    // Round-robin memory is kept: after anna, boris then chen.
    List<Decision> d = engine.ready("chen");
    d = concat(d, engine.ready("boris"));
    assertThat(of(Offer.class, d)).extracting(Offer::callId, Offer::agentId).containsExactly(
        org.assertj.core.groups.Tuple.tuple("c2", "chen"), org.assertj.core.groups.Tuple.tuple("c3", "boris"));

    for (String[] answer : new String[][] {{"anna", "c1"}, {"chen", "c2"}, {"boris", "c3"}}) {
      engine.answer(answer[0], answer[1]);
      engine.hangUp(answer[1]);
      engine.wrapUpDone(answer[0]);
    }
    engine.updateQueue(QueueConfig.of("q").withStrategy(new Linear()));
    d = engine.callArrived(CallRequest.of("c4", "q"));
    assertThat(offeredAgents(d)).as("linear now: the top member (round-robin would pick chen)")
        .containsExactly("anna");
  }

  private static List<Decision> concat(List<Decision> a, List<Decision> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  @Test
  void updateQueue_newWidening_offersAtOnce() {
    engine.addQueue(QueueConfig.of("q"));
    agent(AgentProfile.of("anna", "q").withSkill("english", 2), true);
    assertThat(offeredAgents(engine.callArrived(CallRequest.of("c1", "q").withSkill("english", 4)))).isEmpty();
    clock.advanceSeconds(40);
    List<Decision> d = engine.updateQueue(QueueConfig.of("q")
        .withWidening(SkillWidening.of(new WideningStep(Duration.ofSeconds(30), 2, false))));
    assertThat(offeredAgents(d)).containsExactly("anna");
  }

  @Test
  void updateQueue_noAgentPolicy_overflowsWaitingCallsAtOnce() {
    engine.addQueue(QueueConfig.of("q"));
    engine.addAgent(AgentProfile.of("anna", "q"));
    engine.callArrived(CallRequest.of("c1", "q"));
    List<Decision> d = engine.updateQueue(QueueConfig.of("q").withWhenNoAgents(OverflowTarget.voicemail()));
    assertThat(d).containsSubsequence(
        new Overflow("c1", "q", OverflowTarget.voicemail(), OverflowReason.NO_AGENTS_LOGGED_IN),
        new CallFinished("c1", Outcome.VOICEMAIL, Duration.ZERO));
  }

  @Test
  void updateQueue_lowerMaxLengthKeepsWaitingCallers_newMaxWaitIsDueAtOnce() {
    engine.addQueue(QueueConfig.of("q"));
    engine.addAgent(AgentProfile.of("anna", "q"));
    engine.callArrived(CallRequest.of("c1", "q"));
    engine.callArrived(CallRequest.of("c2", "q"));
    clock.advanceSeconds(90);
    engine.updateQueue(QueueConfig.of("q").withMaxLength(1, OverflowTarget.refuse())
        .withMaxWait(Duration.ofSeconds(60), OverflowTarget.voicemail()));
    assertThat(queue("q").waiting()).hasSize(2);
    assertThat(engine.nextDeadline()).hasValueSatisfying(at -> assertThat(at).isBefore(clock.instant()));
    List<Decision> d = engine.tick();
    assertThat(of(CallFinished.class, d)).extracting(CallFinished::outcome)
        .containsExactly(Outcome.VOICEMAIL, Outcome.VOICEMAIL);
  }

  @Test
  void updateQueue_announcementPeriod_followsTheNewOne() {
    engine.addQueue(QueueConfig.of("q").withAnnounceEvery(Duration.ofSeconds(30)));
    engine.addAgent(AgentProfile.of("anna", "q"));
    engine.callArrived(CallRequest.of("c1", "q"));
    clock.advanceSeconds(10);
    engine.updateQueue(QueueConfig.of("q").withAnnounceEvery(Duration.ZERO));
    assertThat(engine.nextDeadline()).isEmpty();
    engine.updateQueue(QueueConfig.of("q").withAnnounceEvery(Duration.ofSeconds(20)));
    assertThat(engine.nextDeadline()).contains(clock.instant().plusSeconds(20));
  }

  @Test
  void updateQueue_refusesUnknownQueuesAndOverflowLoops_changingNothing() {
    engine.addQueue(QueueConfig.of("backup"));
    engine.addQueue(QueueConfig.of("main").withMaxLength(1, OverflowTarget.toQueue("backup")));
    String before = engine.debugState();
    assertThatThrownBy(() -> engine.updateQueue(QueueConfig.of("ghost"))).isInstanceOf(RoutingRejection.class)
        .hasMessageContaining("unknown queue ghost");
    assertThatThrownBy(() -> engine.updateQueue(QueueConfig.of("main").withMaxWait(Duration.ofSeconds(5),
        OverflowTarget.toQueue("ghost")))).isInstanceOf(RoutingRejection.class).hasMessageContaining("ghost");
    assertThatThrownBy(() -> engine.updateQueue(QueueConfig.of("backup")
        .withWhenNoAgents(OverflowTarget.toQueue("main")))).isInstanceOf(RoutingRejection.class)
        .hasMessageContaining("lead back");
    assertThat(engine.debugState()).isEqualTo(before);
    // A forward reference that makes no loop is fine now that both exist.
    engine.updateQueue(QueueConfig.of("backup"));
  }

  @Test
  void updateAgent_addsAnUnknownAgentLoggedOut() {
    engine.addQueue(QueueConfig.of("q"));
    engine.addAgent(AgentProfile.of("anna", "q"));
    assertThat(engine.updateAgent(AgentProfile.of("boris", "q"))).isEmpty();
    assertThat(engine.findAgent("boris").orElseThrow().state()).isEqualTo(AgentState.LOGGED_OUT);
    assertThat(queue("q").members()).containsExactly("anna", "boris");
  }

  @Test
  void updateAgent_joinsAndLeavesQueues_keepsPositions_andIsOfferedAtOnce() {
    engine.addQueue(QueueConfig.of("sales"));
    engine.addQueue(QueueConfig.of("support").withStrategy(new Linear()));
    agent(AgentProfile.of("anna", "support"), false);
    agent(AgentProfile.of("boris", "sales", "support"), false);
    agent(AgentProfile.of("chen", "support"), true);
    engine.answer("chen", engine.callArrived(CallRequest.of("c0", "support")).stream()
        .filter(Offer.class::isInstance).map(d -> ((Offer) d).callId()).findFirst().orElseThrow());
    engine.callArrived(CallRequest.of("c1", "sales"));
    engine.ready("anna");

    List<Decision> d = engine.updateAgent(AgentProfile.of("anna", "sales", "support"));
    assertThat(offeredAgents(d)).containsExactly("anna");
    assertThat(of(Offer.class, d).get(0).callId()).isEqualTo("c1");
    assertThat(queue("sales").members()).containsExactly("boris", "anna");
    assertThat(queue("support").members()).as("kept positions").containsExactly("anna", "boris", "chen");

    engine.updateAgent(AgentProfile.of("boris", "sales"));
    assertThat(queue("support").members()).containsExactly("anna", "chen");
    // chen leaves support while on a support call: the call stays his.
    engine.updateAgent(AgentProfile.of("chen", "sales"));
    assertThat(engine.findAgent("chen").orElseThrow().currentCall()).isEqualTo("c0");
    assertThat(of(CallFinished.class, engine.hangUp("c0"))).extracting(CallFinished::outcome)
        .containsExactly(Outcome.ANSWERED);
  }

  @Test
  void updateAgent_newSkills_offerAtOnce_ringingAgentKeepsItsOffer() {
    engine.addQueue(QueueConfig.of("q"));
    agent(AgentProfile.of("anna", "q"), true);
    agent(AgentProfile.of("boris", "q").withSkill("english", 1), true);
    engine.callArrived(CallRequest.of("c1", "q"));
    String ringing = engine.findCall("c1").orElseThrow().ringing().iterator().next();
    engine.updateAgent(AgentProfile.of(ringing, "q").withSkill("german", 3));
    assertThat(engine.findAgent(ringing).orElseThrow().offeredCall()).isEqualTo("c1");

    String other = ringing.equals("anna") ? "boris" : "anna";
    engine.updateAgent(AgentProfile.of(other, "q"));
    assertThat(offeredAgents(engine.callArrived(CallRequest.of("c2", "q").withSkill("english", 5)))).isEmpty();
    List<Decision> d = engine.updateAgent(AgentProfile.of(other, "q").withSkill("english", 5));
    assertThat(offeredAgents(d)).containsExactly(other);
  }

  @Test
  void updateAgent_refusesUnknownQueues_changingNothing() {
    engine.addQueue(QueueConfig.of("q"));
    agent(AgentProfile.of("anna", "q"), true);
    String before = engine.debugState();
    assertThatThrownBy(() -> engine.updateAgent(new AgentProfile("anna", Map.of(), List.of(Membership.of("q"),
        Membership.of("ghost"))))).isInstanceOf(RoutingRejection.class).hasMessageContaining("ghost");
    assertThat(engine.debugState()).isEqualTo(before);
  }

  @Test
  void removeAgent_onlyWhenLoggedOut_andLeavesItsQueues() {
    engine.addQueue(QueueConfig.of("q").withStrategy(new RoundRobin()));
    agent(AgentProfile.of("anna", "q"), true);
    agent(AgentProfile.of("boris", "q"), true);
    agent(AgentProfile.of("chen", "q"), true);
    engine.callArrived(CallRequest.of("c1", "q")); // anna (round-robin from the top)
    engine.answer("anna", "c1");
    assertThatThrownBy(() -> engine.removeAgent("anna")).isInstanceOf(RoutingRejection.class)
        .hasMessageContaining("log it out");
    engine.hangUp("c1");
    engine.logout("anna");
    engine.removeAgent("anna");
    assertThat(engine.findAgent("anna")).isEmpty();
    assertThat(queue("q").members()).containsExactly("boris", "chen");
    assertThat(offeredAgents(engine.callArrived(CallRequest.of("c2", "q"))))
        .as("round-robin goes on with the member after anna").containsExactly("boris");
    assertThatThrownBy(() -> engine.removeAgent("anna")).isInstanceOf(RoutingRejection.class);
  }

  @Test
  void removeQueue_refusedWhileItHasCallsMembersOrIsAnOverflowTarget() {
    engine.addQueue(QueueConfig.of("backup"));
    engine.addQueue(QueueConfig.of("q").withMaxLength(5, OverflowTarget.toQueue("backup")));
    engine.addAgent(AgentProfile.of("anna", "q"));
    engine.callArrived(CallRequest.of("c1", "q"));
    assertThatThrownBy(() -> engine.removeQueue("backup")).isInstanceOf(RoutingRejection.class)
        .hasMessageContaining("overflow target of queue q");
    assertThatThrownBy(() -> engine.removeQueue("q")).isInstanceOf(RoutingRejection.class)
        .hasMessageContaining("members");
    engine.removeAgent("anna");
    assertThatThrownBy(() -> engine.removeQueue("q")).isInstanceOf(RoutingRejection.class)
        .hasMessageContaining("still has call c1");
    engine.hangUp("c1");
    engine.removeQueue("q");
    engine.removeQueue("backup");
    assertThat(engine.queues()).isEmpty();
    assertThatThrownBy(() -> engine.removeQueue("q")).isInstanceOf(RoutingRejection.class);
  }
}
