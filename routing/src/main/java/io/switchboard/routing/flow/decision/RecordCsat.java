package io.switchboard.routing.flow.decision;

/** Store the caller's keypad rating (1 = bad .. 5 = excellent) with the call and the agent who handled it. */
public record RecordCsat(int score, String agentId, String reason) implements FlowDecision {
}
