package io.switchboard.routing.flow.decision;

/** Play the mailbox greeting and record a message until the caller hangs up (or the limit). */
public record StartVoicemail(String mailbox, String lang, String reason) implements FlowDecision {
}
