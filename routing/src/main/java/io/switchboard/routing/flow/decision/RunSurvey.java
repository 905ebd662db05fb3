package io.switchboard.routing.flow.decision;

/** The agent hung up first and the caller stayed: play the keypad CSAT question (1 to 5). */
public record RunSurvey(String promptId, String lang, String reason) implements FlowDecision {
}
