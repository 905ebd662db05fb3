package io.switchboard.routing.acd;

/** Stop ringing this agent for this call. */
public record CancelOffer(String callId, String agentId, CancelReason reason) implements Decision {
}
