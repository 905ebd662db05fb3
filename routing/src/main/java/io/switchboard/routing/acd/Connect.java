package io.switchboard.routing.acd;

import java.time.Duration;

/** Bridge the caller to the agent who answered. */
public record Connect(String callId, String agentId, String queueId, Duration waited) implements Decision {
}
