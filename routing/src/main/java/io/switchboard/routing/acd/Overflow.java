package io.switchboard.routing.acd;

/** The call leaves its queue for the target (another queue, voicemail, callback, refusal). */
public record Overflow(String callId, String fromQueue, OverflowTarget target, OverflowReason reason)
    implements Decision {
}
