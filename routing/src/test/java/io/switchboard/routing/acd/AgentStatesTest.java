package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.Decisions.of;
import static io.switchboard.routing.acd.Decisions.offeredAgents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent state machine: login, Ready, Not ready with reasons, ringing, on call, wrap-up, "Not ready after". */
class AgentStatesTest {

  private final ManualClock clock = new ManualClock();
  private final RoutingEngine engine = new RoutingEngine(clock, new SplittableRandom(1));

  @BeforeEach
  void setUp() {
    engine.addQueue(QueueConfig.of("sales").withWrapUp(Duration.ofSeconds(30)));
    engine.addAgent(AgentProfile.of("anna", "sales"));
    engine.addAgent(AgentProfile.of("boris", "sales"));
  }

  @AfterEach
  void invariantsHold() {
    assertThat(InvariantCheck.check(engine)).isEmpty();
  }

  private AgentState state(String id) {
    return engine.findAgent(id).orElseThrow().state();
  }

  @Test
  void login_putsTheAgentNotReady_untilItSaysReady() {
    List<Decision> d = engine.login("anna");
    assertThat(d).containsExactly(new AgentStateChanged("anna", AgentState.LOGGED_OUT, AgentState.NOT_READY, "login"));
    engine.ready("anna");
    assertThat(state("anna")).isEqualTo(AgentState.READY);
  }

  @Test
  void callArrives_readyAgentRings_answerConnects_hangUpWrapsUp_thenReady() {
    engine.login("anna");
    engine.ready("anna");
    List<Decision> arrived = engine.callArrived(CallRequest.of("c1", "sales"));
    assertThat(offeredAgents(arrived)).containsExactly("anna");
    assertThat(state("anna")).isEqualTo(AgentState.RINGING);
    assertThat(of(Announce.class, arrived)).as("no announcement when an agent rings at once").isEmpty();

    clock.advanceSeconds(3);
    List<Decision> answered = engine.answer("anna", "c1");
    assertThat(of(Connect.class, answered)).containsExactly(new Connect("c1", "anna", "sales", Duration.ofSeconds(3)));
    assertThat(state("anna")).isEqualTo(AgentState.ON_CALL);

    clock.advanceSeconds(60);
    List<Decision> ended = engine.hangUp("c1");
    assertThat(of(CallFinished.class, ended))
        .containsExactly(new CallFinished("c1", Outcome.ANSWERED, Duration.ofSeconds(3)));
    assertThat(state("anna")).isEqualTo(AgentState.WRAP_UP);
    assertThat(engine.nextDeadline()).contains(clock.instant().plusSeconds(30));

    clock.advanceSeconds(30);
    engine.tick();
    assertThat(state("anna")).isEqualTo(AgentState.READY);
    Agent anna = engine.findAgent("anna").orElseThrow();
    assertThat(anna.callsTaken()).isEqualTo(1);
    assertThat(anna.talkTime()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void wrapUpDone_endsWrapUpEarly_andTheNextCallRingsAtOnce() {
    engine.login("anna");
    engine.ready("anna");
    engine.callArrived(CallRequest.of("c1", "sales"));
    engine.answer("anna", "c1");
    engine.callArrived(CallRequest.of("c2", "sales"));
    engine.hangUp("c1");
    List<Decision> done = engine.wrapUpDone("anna");
    assertThat(offeredAgents(done)).containsExactly("anna");
  }

  @Test
  void notReadyDuringACall_takesEffectAfterTheCallAndWrapUp() {
    engine.login("anna");
    engine.ready("anna");
    engine.callArrived(CallRequest.of("c1", "sales"));
    engine.answer("anna", "c1");
    engine.notReady("anna", "lunch");
    assertThat(state("anna")).isEqualTo(AgentState.ON_CALL);
    engine.hangUp("c1");
    assertThat(state("anna")).isEqualTo(AgentState.WRAP_UP);
    clock.advanceSeconds(30);
    List<Decision> d = engine.tick();
    assertThat(d).contains(new AgentStateChanged("anna", AgentState.WRAP_UP, AgentState.NOT_READY, "lunch"));
    assertThat(engine.findAgent("anna").orElseThrow().notReadyReason()).isEqualTo("lunch");
  }

  @Test
  void readyDuringACall_cancelsThePendingNotReady() {
    engine.login("anna");
    engine.ready("anna");
    engine.callArrived(CallRequest.of("c1", "sales"));
    engine.answer("anna", "c1");
    engine.notReady("anna", "lunch");
    engine.ready("anna");
    engine.hangUp("c1");
    engine.wrapUpDone("anna");
    assertThat(state("anna")).isEqualTo(AgentState.READY);
  }

  @Test
  void notReadyWhileRinging_withdrawsTheOffer_andTheCallRingsTheNextAgent() {
    engine.login("anna");
    engine.ready("anna");
    clock.advanceSeconds(5);
    engine.login("boris");
    engine.ready("boris");
    engine.callArrived(CallRequest.of("c1", "sales"));
    assertThat(state("anna")).isEqualTo(AgentState.RINGING);
    List<Decision> d = engine.notReady("anna", "break");
    assertThat(d).containsSubsequence(new CancelOffer("c1", "anna", CancelReason.AGENT_UNAVAILABLE),
        new AgentStateChanged("anna", AgentState.RINGING, AgentState.NOT_READY, "break"));
    assertThat(offeredAgents(d)).containsExactly("boris");
  }

  @Test
  void logoutWhileRinging_withdrawsTheOffer_andLogoutDuringACallIsRefused() {
    engine.login("anna");
    engine.ready("anna");
    engine.callArrived(CallRequest.of("c1", "sales"));
    List<Decision> d = engine.logout("anna");
    assertThat(of(CancelOffer.class, d)).containsExactly(new CancelOffer("c1", "anna", CancelReason.AGENT_UNAVAILABLE));
    assertThat(state("anna")).isEqualTo(AgentState.LOGGED_OUT);

    engine.login("anna");
    engine.ready("anna");
    engine.answer("anna", "c1");
    String before = engine.debugState();
    assertThatThrownBy(() -> engine.logout("anna")).isInstanceOf(RoutingRejection.class).hasMessageContaining("on call");
    assertThat(engine.debugState()).as("a rejected event changes nothing").isEqualTo(before);
  }

  @Test
  void rejectedEvents_changeNothing() {
    engine.login("anna");
    String before = engine.debugState();
    assertThatThrownBy(() -> engine.answer("anna", "nope")).isInstanceOf(RoutingRejection.class);
    assertThatThrownBy(() -> engine.login("anna")).isInstanceOf(RoutingRejection.class);
    assertThatThrownBy(() -> engine.ready("ghost")).isInstanceOf(RoutingRejection.class);
    assertThatThrownBy(() -> engine.notReady("anna", " ")).isInstanceOf(RoutingRejection.class);
    assertThatThrownBy(() -> engine.wrapUpDone("anna")).isInstanceOf(RoutingRejection.class);
    assertThatThrownBy(() -> engine.hangUp("nope")).isInstanceOf(RoutingRejection.class);
    assertThatThrownBy(() -> engine.callArrived(CallRequest.of("c9", "nowhere"))).isInstanceOf(RoutingRejection.class);
    assertThat(engine.debugState()).isEqualTo(before);
  }

  @Test
  void callerHangsUpWhileRinging_agentStopsRinging_andTheCallIsAbandoned() {
    engine.login("anna");
    engine.ready("anna");
    engine.callArrived(CallRequest.of("c1", "sales"));
    clock.advanceSeconds(4);
    List<Decision> d = engine.hangUp("c1");
    assertThat(d).containsSubsequence(new CancelOffer("c1", "anna", CancelReason.CALLER_HUNG_UP),
        new AgentStateChanged("anna", AgentState.RINGING, AgentState.READY, "caller hung up"),
        new CallFinished("c1", Outcome.ABANDONED, Duration.ofSeconds(4)));
    assertThat(engine.calls()).isEmpty();
  }

  @Test
  void aWithdrawnOffer_doesNotCostTheAgentItsIdleTime() {
    engine.login("anna");
    engine.ready("anna");
    java.time.Instant readySince = clock.instant();
    clock.advanceSeconds(10);
    engine.callArrived(CallRequest.of("c1", "sales"));
    engine.hangUp("c1");
    assertThat(engine.findAgent("anna").orElseThrow().idleSince()).isEqualTo(readySince);
  }
}
