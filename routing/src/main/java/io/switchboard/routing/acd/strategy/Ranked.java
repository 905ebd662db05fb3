package io.switchboard.routing.acd.strategy;

/**
 * One candidate with the score its strategy gave it; {@code scoreText} is the human reading of the score
 * ("idle 120 s", "3 calls"), used by the offer explanation.
 */
public record Ranked(Candidate candidate, double score, String scoreText) {
}
