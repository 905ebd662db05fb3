package io.switchboard.routing.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.routing.acd.ManualClock;
import io.switchboard.routing.cascade.AgentAvailability;
import io.switchboard.routing.flow.decision.CollectDigits;
import io.switchboard.routing.flow.decision.ConnectAgent;
import io.switchboard.routing.flow.decision.Enqueue;
import io.switchboard.routing.flow.decision.FlowDecision;
import io.switchboard.routing.flow.decision.Hangup;
import io.switchboard.routing.flow.decision.PlayPrompt;
import io.switchboard.routing.flow.decision.RecordCsat;
import io.switchboard.routing.flow.decision.RequestCallback;
import io.switchboard.routing.flow.decision.RingAgents;
import io.switchboard.routing.flow.decision.RunSurvey;
import io.switchboard.routing.flow.decision.StartVoicemail;
import io.switchboard.routing.flow.decision.StopRinging;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each step on a manual clock. 2026-01-05T09:00Z is Monday 11:00 in Kyiv (open). */
class FlowRunTest {

  private static final String KNOWN = "+380671112233";
  private ManualClock clock = new ManualClock();
  private final Flow flow = FlowFactory.create(Flows.hotline());
  private final Customer olena = new Customer("cust-1", "ru", "anna", List.of("boris"), "dana", "sup");
  private final CustomerLookup lookup = n -> n.equals(KNOWN) ? Optional.of(olena) : Optional.empty();
  private AgentAvailability availability = id -> true;

  private FlowRun call(String from) {
    return new FlowRun(flow, new CallInfo("c1", from, "+380441234567", CallInfo.Channel.TRUNK), clock, lookup,
        id -> availability.available(id));
  }

  @Test
  void newCallerDuringOpenHours_hearsTheMenu_pressesOne_isQueuedInSales() {
    FlowRun run = call("+380501234567");
    List<FlowDecision> d = run.start();
    assertThat(d).containsExactly(new PlayPrompt("main-menu", "uk", "main: menu [1, 2, 3]"),
        new CollectDigits(1, Duration.ofSeconds(5), "main: menu [1, 2, 3]"));
    assertThat(run.nextDeadline()).contains(clock.instant().plusSeconds(5));
    d = run.digits("1");
    assertThat(d).singleElement().isInstanceOfSatisfying(Enqueue.class, e -> {
      assertThat(e.queueId()).isEqualTo("sales");
      assertThat(e.priority()).isZero();
    });
    assertThat(run.phase()).isEqualTo(Phase.QUEUED);
    assertThat(run.explanation()).anySatisfy(l -> assertThat(l).contains("caller pressed 1 -> sales"));
  }

  @Test
  void silentCaller_isAskedAgainTwice_thenTakesTheDefaultToAHuman() {
    FlowRun run = call("+380501234567");
    run.start();
    clock.advanceSeconds(4);
    assertThat(run.tick()).isEmpty();
    clock.advanceSeconds(1);
    assertThat(run.tick()).hasSize(2).last().isInstanceOf(CollectDigits.class);
    clock.advanceSeconds(5);
    assertThat(run.tick()).hasSize(2);
    clock.advanceSeconds(5);
    List<FlowDecision> d = run.tick();
    assertThat(d).singleElement().isInstanceOfSatisfying(Enqueue.class,
        e -> assertThat(e.queueId()).isEqualTo("support"));
    assertThat(run.explanation()).anySatisfy(l -> assertThat(l).contains("(3 of 3) -> default support"));
  }

  @Test
  void wrongDigit_playsInvalidPromptAndRetries_promptEndRestartsTheDigitTimer() {
    FlowRun run = call("+380501234567");
    run.start();
    List<FlowDecision> d = run.digits("7");
    assertThat(d.get(0)).isEqualTo(new PlayPrompt("invalid-choice", "uk", "main: 7 is not an option"));
    assertThat(d.get(2)).isInstanceOf(CollectDigits.class);
    clock.advanceSeconds(3);
    run.promptFinished();
    assertThat(run.nextDeadline()).contains(clock.instant().plusSeconds(5));
  }

  @Test
  void afterHoursAndOnHolidays_voicemail() {
    clock.set(Instant.parse("2026-01-05T17:30:00Z")); // 19:30 Kyiv
    FlowRun run = call("+380501234567");
    assertThat(run.start()).singleElement().isInstanceOf(StartVoicemail.class);
    assertThat(run.phase()).isEqualTo(Phase.VOICEMAIL);
    assertThat(run.explanation()).anySatisfy(l -> assertThat(l).contains("closed"));

    clock.set(Instant.parse("2026-01-07T09:00:00Z")); // Wednesday, listed holiday
    FlowRun holiday = call("+380501234567");
    holiday.start();
    assertThat(holiday.explanation()).anySatisfy(l -> assertThat(l).contains("holiday (listed holiday) -> after-hours"));
  }

  @Test
  void blackListedCaller_isRefusedPolitely() {
    FlowRun run = call("+380990000666");
    List<FlowDecision> d = run.start();
    assertThat(d).hasSize(2);
    assertThat(d.get(0)).isInstanceOfSatisfying(PlayPrompt.class, p -> assertThat(p.promptId()).isEqualTo("refused"));
    assertThat(d.get(1)).isInstanceOfSatisfying(Hangup.class, h -> {
      assertThat(h.cause()).isEqualTo(Hangup.Cause.BLOCKED);
      assertThat(h.reason()).contains("black list");
    });
    assertThat(run.phase()).isEqualTo(Phase.ENDED);
  }

  @Test
  void vipCaller_isQueuedWithBoostedPriority() {
    FlowRun run = call("+380500000777");
    run.start();
    List<FlowDecision> d = run.digits("2");
    assertThat(d).singleElement().isInstanceOfSatisfying(Enqueue.class, e -> {
      assertThat(e.priority()).isEqualTo(10);
      assertThat(e.reason()).contains("VIP 10");
    });
  }

  @Test
  void knownCaller_ringsManagersTogether_thenLastAgent_thenSupervisor_thenQueue_onTheirTimers() {
    FlowRun run = call(KNOWN);
    List<FlowDecision> d = run.start();
    assertThat(d).singleElement().isInstanceOfSatisfying(RingAgents.class, r -> {
      assertThat(r.agents()).containsExactly("anna", "boris");
      assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(20));
    });
    clock.advanceSeconds(20);
    d = run.tick();
    assertThat(d.get(0)).isEqualTo(new StopRinging(List.of("anna", "boris"), "personal: nobody answered in time"));
    assertThat(d.get(1)).isInstanceOfSatisfying(RingAgents.class, r -> assertThat(r.agents()).containsExactly("dana"));
    clock.advanceSeconds(15);
    d = run.tick();
    assertThat(d.get(1)).isInstanceOfSatisfying(RingAgents.class, r -> assertThat(r.agents()).containsExactly("sup"));
    clock.advanceSeconds(10);
    d = run.tick();
    assertThat(d.get(1)).isInstanceOfSatisfying(Enqueue.class, e -> assertThat(e.queueId()).isEqualTo("support"));
    assertThat(run.phase()).isEqualTo(Phase.QUEUED);
  }

  @Test
  void knownCaller_backupAnswers_othersStopRinging_customersLanguageIsUsed() {
    FlowRun run = call(KNOWN);
    run.start();
    List<FlowDecision> d = run.agentAnswered("boris");
    assertThat(d).containsExactly(new StopRinging(List.of("anna"), "personal: answered by boris"),
        new ConnectAgent("boris", "personal: boris answered"));
    assertThat(run.phase()).isEqualTo(Phase.CONNECTED);
    d = run.agentHungUp();
    assertThat(d.get(0)).isInstanceOfSatisfying(RunSurvey.class, s -> assertThat(s.lang()).isEqualTo("ru"));
  }

  @Test
  void knownCallerWhoseManagersAreBusy_ringsTheLastAgentFirst() {
    availability = id -> !id.equals("anna") && !id.equals("boris");
    FlowRun run = call(KNOWN);
    assertThat(run.start()).singleElement().isInstanceOfSatisfying(RingAgents.class, r -> {
      assertThat(r.agents()).containsExactly("dana");
      assertThat(r.reason()).contains("skipped personal manager anna", "backup manager boris");
    });
  }

  @Test
  void callerHangsUpWhileTheCascadeRings_agentsStopRinging() {
    FlowRun run = call(KNOWN);
    run.start();
    assertThat(run.callerHungUp()).containsExactly(
        new StopRinging(List.of("anna", "boris"), "personal: caller hung up"));
    assertThat(run.phase()).isEqualTo(Phase.ENDED);
    assertThat(run.nextDeadline()).isEmpty();
    assertThat(run.callerHungUp()).isEmpty();
  }

  @Test
  void callbackFromTheMenu_andCallbackDigitWhileQueued_keepsThePlace() {
    FlowRun menu = call("+380501234567");
    menu.start();
    List<FlowDecision> d = menu.digits("3");
    assertThat(d.get(0)).isInstanceOfSatisfying(RequestCallback.class, r -> {
      assertThat(r.keepQueuedCall()).isFalse();
      assertThat(r.number()).isEqualTo("+380501234567");
    });
    assertThat(d.get(2)).isInstanceOfSatisfying(Hangup.class,
        h -> assertThat(h.cause()).isEqualTo(Hangup.Cause.CALLBACK_BOOKED));

    FlowRun queued = call("+380501234567");
    queued.start();
    queued.digits("2");
    Instant enqueuedAt = clock.instant();
    clock.advanceSeconds(90);
    d = queued.digits("9");
    assertThat(d.get(0)).isInstanceOfSatisfying(RequestCallback.class, r -> {
      assertThat(r.keepQueuedCall()).isTrue();
      assertThat(r.placeSince()).isEqualTo(enqueuedAt);
      assertThat(r.queueId()).isEqualTo("support");
    });
    assertThat(queued.phase()).isEqualTo(Phase.ENDED);
  }

  @Test
  void anonymousWidgetCallerAskingForACallback_isQueuedLiveInstead() {
    FlowRun run = new FlowRun(flow, new CallInfo("w1", null, null, CallInfo.Channel.WIDGET), clock, lookup,
        id -> true);
    run.start();
    assertThat(run.digits("3")).singleElement().isInstanceOf(Enqueue.class);
  }

  @Test
  void agentHangsUpFirst_callerRatesFour_scoreIsRecorded() {
    FlowRun run = call("+380501234567");
    run.start();
    run.digits("2");
    run.agentAnswered("emil");
    List<FlowDecision> d = run.agentHungUp();
    assertThat(d.get(0)).isInstanceOf(RunSurvey.class);
    assertThat(d.get(1)).isEqualTo(new CollectDigits(1, Duration.ofSeconds(8), d.get(1).reason()));
    d = run.digits("4");
    assertThat(d.get(0)).isEqualTo(new RecordCsat(4, "emil", "caller rated the call 4 of 5"));
    assertThat(d.get(2)).isInstanceOf(Hangup.class);
    assertThat(run.phase()).isEqualTo(Phase.ENDED);
  }

  @Test
  void surveyWithoutAValidRating_isAskedOnceMore_thenEndsWithoutAScore() {
    FlowRun run = call("+380501234567");
    run.start();
    run.digits("2");
    run.agentAnswered("emil");
    run.agentHungUp();
    assertThat(run.digits("8")).last().isInstanceOf(CollectDigits.class);
    clock.advanceSeconds(8);
    assertThat(run.tick()).singleElement().isInstanceOfSatisfying(Hangup.class,
        h -> assertThat(h.reason()).contains("without a rating"));
  }

  @Test
  void impossibleEvents_areRejected_strayDigitsIgnored() {
    FlowRun run = call("+380501234567");
    assertThatThrownBy(run::agentHungUp).isInstanceOf(FlowRejection.class).hasMessageContaining("phase NEW");
    run.start();
    run.digits("1");
    assertThat(run.digits("5")).isEmpty(); // sales offers no callback digit
    assertThatThrownBy(run::start).isInstanceOf(FlowRejection.class);
  }

  @Test
  void sameEventsSameInstants_sameDecisions() {
    List<FlowDecision> a = script(call(KNOWN));
    clock = new ManualClock();
    assertThat(script(call(KNOWN))).isEqualTo(a);
  }

  /** Managers and last agent time out, the supervisor answers, hangs up, the caller rates 5. */
  private List<FlowDecision> script(FlowRun run) {
    List<FlowDecision> all = new java.util.ArrayList<>(run.start());
    clock.advanceSeconds(20);
    all.addAll(run.tick());
    clock.advanceSeconds(15);
    all.addAll(run.tick());
    all.addAll(run.agentAnswered("sup"));
    all.addAll(run.agentHungUp());
    all.addAll(run.digits("5"));
    return all;
  }
}
