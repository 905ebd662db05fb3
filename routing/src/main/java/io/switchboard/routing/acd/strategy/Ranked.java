package io.switchboard.routing.acd.strategy;

import java.util.function.Supplier;

/**
 * One candidate with the score its strategy gave it; {@link #scoreText()} is the human reading of the score
 * ("idle 120 s", "3 calls") for the offer explanation, made only when the explanation is read.
 *
 * @param text makes the score text; reads only the candidate and the score (values fixed at ranking time)
 */
public record Ranked(Candidate candidate, double score, Supplier<String> text) {

  public String scoreText() {
    return text.get();
  }
}
