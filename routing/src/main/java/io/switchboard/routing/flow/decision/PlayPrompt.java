package io.switchboard.routing.flow.decision;

/** Play a recorded prompt in the caller's language (the server picks the file {@code <lang>/<promptId>.wav}). */
public record PlayPrompt(String promptId, String lang, String reason) implements FlowDecision {
}
