package io.switchboard.routing.acd;

/** An agent changed state; {@code reason} is the Not-ready reason code or what caused the change. */
public record AgentStateChanged(String agentId, AgentState from, AgentState to, String reason)
    implements Decision {
}
