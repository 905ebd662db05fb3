package io.switchboard.routing.flow.decision;

import java.time.Instant;

/**
 * Book a callback to {@code number} through {@code queueId}. When {@code keepQueuedCall} is true the caller was
 * already waiting: the server keeps the ACD call waiting as a placeholder (so the caller keeps their place, entered
 * at {@code placeSince}), releases the caller's leg, and dials the number when an agent answers the placeholder.
 */
public record RequestCallback(String number, String queueId, int priority, boolean keepQueuedCall,
    Instant placeSince, String reason) implements FlowDecision {
}
