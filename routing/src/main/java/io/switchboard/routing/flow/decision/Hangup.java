package io.switchboard.routing.flow.decision;

/** End the call. {@code cause} is a short code for statistics, {@code reason} the sentence for people. */
public record Hangup(Cause cause, String reason) implements FlowDecision {

  public enum Cause { NORMAL, BLOCKED, NO_HUMAN, CALLBACK_BOOKED }
}
