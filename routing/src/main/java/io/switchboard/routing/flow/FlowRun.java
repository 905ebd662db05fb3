package io.switchboard.routing.flow;

import io.switchboard.routing.cascade.AgentAvailability;
import io.switchboard.routing.flow.decision.CollectDigits;
import io.switchboard.routing.flow.decision.FlowDecision;
import io.switchboard.routing.flow.decision.Hangup;
import io.switchboard.routing.flow.decision.PlayPrompt;
import io.switchboard.routing.flow.decision.RecordCsat;
import io.switchboard.routing.flow.decision.RunSurvey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call going through one flow: a state machine fed with events ({@link #start}, {@link #digits},
 * {@link #promptFinished}, {@link #tick}, {@link #agentAnswered}, {@link #agentHungUp}, {@link #callerHungUp}) that
 * returns the decisions to execute in order. Timers are deadlines on the given clock: the owner calls
 * {@link #tick()} at {@link #nextDeadline()}. Digits at a moment nothing listens for them are ignored; an event that
 * cannot happen in the current phase (an agent hanging up a call nobody answered) is a {@link FlowRejection}.
 */
public final class FlowRun {

  /** Guards against a step graph that loops without waiting; the validator already refuses such graphs. */
  private static final int MAX_STEPS_PER_EVENT = 64;

  private final Flow flow;
  private final InstantSource clock;
  private final CallContext ctx;
  private Phase phase = Phase.NEW;
  private Step current;
  private Duration timer;
  private Instant deadline;
  private int surveyAttempts;

  public FlowRun(Flow flow, CallInfo call, InstantSource clock, CustomerLookup customers,
      AgentAvailability availability) {
    this.flow = Objects.requireNonNull(flow, "flow");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ctx = new CallContext(call, flow.language(), clock, customers, availability);
  }

  public List<FlowDecision> start() {
    require(phase == Phase.NEW, "start");
    phase = Phase.IN_FLOW;
    ctx.explain("flow " + flow.id() + ": call " + ctx.call().callId() + " from " + ctx.call().callerNumber()
        + " to " + (ctx.call().channel() == CallInfo.Channel.WIDGET ? "the widget" : ctx.call().dialled()));
    return apply(StepOutcome.go(flow.entry(), List.of()));
  }

  public List<FlowDecision> digits(String digits) {
    if (phase == Phase.SURVEY) {
      return surveyDigits(digits);
    }
    if ((phase == Phase.IN_FLOW || phase == Phase.QUEUED) && current != null) {
      return apply(current.onDigits(digits, ctx));
    }
    return List.of();
  }

  /** The prompt before a digit collection ended: the digit timeout counts from now. */
  public List<FlowDecision> promptFinished() {
    if (deadline != null && timer != null) {
      deadline = clock.instant().plus(timer);
    }
    return List.of();
  }

  public List<FlowDecision> tick() {
    if (deadline == null || clock.instant().isBefore(deadline)) {
      return List.of();
    }
    deadline = null;
    if (phase == Phase.SURVEY) {
      return surveyRetryOrEnd("no rating within " + flow.survey().orElseThrow().timeout().toSeconds() + " s");
    }
    return apply(current.onTimeout(ctx));
  }

  public List<FlowDecision> agentAnswered(String agentId) {
    if (phase == Phase.QUEUED) {
      ctx.agentId(agentId);
      ctx.explain("answered by " + agentId + " from queue " + ctx.queueId());
      phase = Phase.CONNECTED;
      return List.of();
    }
    require(phase == Phase.IN_FLOW && current != null, "agentAnswered");
    StepOutcome o = current.onAgentAnswered(agentId, ctx);
    if (o.next() == StepOutcome.Next.HAND_OFF && o.handOff() == Phase.CONNECTED) {
      ctx.agentId(agentId);
    }
    return apply(o);
  }

  /** The agent ended the conversation; a caller still on the line gets the survey if the flow has one. */
  public List<FlowDecision> agentHungUp() {
    require(phase == Phase.CONNECTED, "agentHungUp");
    Optional<Survey> survey = flow.survey();
    if (survey.isEmpty()) {
      phase = Phase.ENDED;
      return List.of(new Hangup(Hangup.Cause.NORMAL, "agent " + ctx.agentId() + " ended the call"));
    }
    phase = Phase.SURVEY;
    surveyAttempts = 0;
    String why = "agent " + ctx.agentId() + " hung up first, caller still on the line: CSAT survey";
    ctx.explain(why);
    return askSurvey(List.of(new RunSurvey(survey.get().prompt(), ctx.lang(), why)), why);
  }

  /** The caller left; whatever was under way stops. Idempotent. */
  public List<FlowDecision> callerHungUp() {
    if (phase == Phase.ENDED) {
      return List.of();
    }
    List<FlowDecision> d = current != null && phase == Phase.IN_FLOW
        ? current.kill("caller hung up", ctx) : List.of();
    ctx.explain("caller hung up during " + phase.name().toLowerCase(java.util.Locale.ROOT)
        + (current != null ? " at " + current.id() : ""));
    phase = Phase.ENDED;
    deadline = null;
    return d;
  }

  public Optional<Instant> nextDeadline() {
    return Optional.ofNullable(deadline);
  }

  public Phase phase() {
    return phase;
  }

  /** The language prompts are played in now (the flow's, or a known customer's). */
  public String language() {
    return ctx.lang();
  }

  public Flow flow() {
    return flow;
  }

  /** The step the call is at (or was handed off from); empty before start. */
  public Optional<String> currentStep() {
    return Optional.ofNullable(current).map(Step::id);
  }

  /** The routing explanation so far, one line per thing that happened, for the call's history. */
  public List<String> explanation() {
    return ctx.explanation();
  }

  private List<FlowDecision> apply(StepOutcome first) {
    List<FlowDecision> out = new ArrayList<>();
    StepOutcome o = first;
    for (int steps = 0; ; steps++) {
      out.addAll(o.decisions());
      switch (o.next()) {
        case IGNORED -> {
          return out;
        }
        case WAIT -> {
          timer = o.timer();
          deadline = clock.instant().plus(o.timer());
          return out;
        }
        case HAND_OFF -> {
          phase = o.handOff();
          deadline = null;
          return out;
        }
        case END -> {
          phase = Phase.ENDED;
          deadline = null;
          return out;
        }
        case GOTO -> {
          if (steps >= MAX_STEPS_PER_EVENT) {
            throw new IllegalStateException("flow " + flow.id() + " ran " + steps + " steps without waiting");
          }
          deadline = null;
          current = flow.step(o.target());
          ctx.resetStepScratch();
          o = current.enter(ctx);
        }
        default -> throw new IllegalStateException();
      }
    }
  }

  private List<FlowDecision> surveyDigits(String digits) {
    Survey s = flow.survey().orElseThrow();
    if (digits.length() == 1 && digits.charAt(0) >= '1' && digits.charAt(0) <= '5') {
      int score = digits.charAt(0) - '0';
      String why = "caller rated the call " + score + " of 5";
      ctx.explain(why);
      phase = Phase.ENDED;
      deadline = null;
      return List.of(new RecordCsat(score, ctx.agentId(), why), new PlayPrompt(s.thanksPrompt(), ctx.lang(), why),
          new Hangup(Hangup.Cause.NORMAL, "survey done"));
    }
    return surveyRetryOrEnd("pressed " + digits + ", not a rating 1-5");
  }

  private List<FlowDecision> surveyRetryOrEnd(String what) {
    Survey s = flow.survey().orElseThrow();
    if (++surveyAttempts > s.retries()) {
      ctx.explain("survey: " + what + " -> no rating");
      phase = Phase.ENDED;
      deadline = null;
      return List.of(new Hangup(Hangup.Cause.NORMAL, "survey: " + what + ", ended without a rating"));
    }
    String why = "survey: " + what + ", asking again";
    return askSurvey(List.of(new PlayPrompt(s.prompt(), ctx.lang(), why)), why);
  }

  private List<FlowDecision> askSurvey(List<FlowDecision> before, String why) {
    Survey s = flow.survey().orElseThrow();
    List<FlowDecision> d = new ArrayList<>(before);
    d.add(new CollectDigits(1, s.timeout(), why));
    timer = s.timeout();
    deadline = clock.instant().plus(s.timeout());
    return d;
  }

  private void require(boolean ok, String event) {
    if (!ok) {
      throw new FlowRejection(event + " is impossible in phase " + phase + " of call " + ctx.call().callId());
    }
  }
}
