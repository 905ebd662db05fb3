package io.switchboard.routing.flow;

import io.switchboard.routing.flow.decision.FlowDecision;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What a step did with an event: decisions, then where the call goes. */
public record StepOutcome(List<FlowDecision> decisions, Next next, String target, Duration timer, Phase handOff) {

  public enum Next {
    /** Enter {@code target} now. */
    GOTO,
    /** Stay; fire {@code onTimeout} after {@code timer} unless another event comes first. */
    WAIT,
    /** The call leaves the step graph to {@code handOff} (queued, connected, voicemail); the step stays current. */
    HAND_OFF,
    /** The call is over. */
    END,
    /** The event meant nothing here. */
    IGNORED
  }

  public StepOutcome {
    decisions = List.copyOf(decisions);
    Objects.requireNonNull(next, "next");
  }

  public static StepOutcome go(String target, List<FlowDecision> decisions) {
    return new StepOutcome(decisions, Next.GOTO, Objects.requireNonNull(target), null, null);
  }

  public static StepOutcome await(Duration timer, List<FlowDecision> decisions) {
    return new StepOutcome(decisions, Next.WAIT, null, Objects.requireNonNull(timer), null);
  }

  public static StepOutcome handOff(Phase phase, List<FlowDecision> decisions) {
    return new StepOutcome(decisions, Next.HAND_OFF, null, null, Objects.requireNonNull(phase));
  }

  public static StepOutcome end(List<FlowDecision> decisions) {
    return new StepOutcome(decisions, Next.END, null, null, null);
  }

  public static StepOutcome ignored() {
    return new StepOutcome(List.of(), Next.IGNORED, null, null, null);
  }
}
