package io.switchboard.routing.acd;

import java.time.Duration;

/**
 * From {@code after} of waiting on, required proficiencies drop by {@code relaxBy} (never below 1); with
 * {@code anySkill} the skills stop mattering and any member of the queue will do.
 */
public record WideningStep(Duration after, int relaxBy, boolean anySkill) {

  public WideningStep {
    if (after.isNegative() || relaxBy < 0) {
      throw new IllegalArgumentException("widening step needs after >= 0 and relaxBy >= 0");
    }
  }

  public String describe() {
    return "after " + after.toSeconds() + " s: " + (anySkill ? "any member" : "relax by " + relaxBy);
  }
}
