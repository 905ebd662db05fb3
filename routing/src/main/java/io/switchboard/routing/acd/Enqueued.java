package io.switchboard.routing.acd;

/** The call waits in a queue (play music on hold); {@code position} is 1-based. */
public record Enqueued(String callId, String queueId, int position) implements Decision {
}
