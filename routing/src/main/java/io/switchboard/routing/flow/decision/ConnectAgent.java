package io.switchboard.routing.flow.decision;

/** Bridge the caller with the agent who answered a cascade ring. */
public record ConnectAgent(String agentId, String reason) implements FlowDecision {
}
