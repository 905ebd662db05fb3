package io.switchboard.routing.flow;

import java.time.Duration;

/**
 * The post-call keypad CSAT: when the agent hangs up first and the caller is still on the line, ask for a rating
 * from 1 to 5. {@code retries} wrong or missing answers are re-asked before hanging up without a score.
 */
public record Survey(String prompt, String thanksPrompt, Duration timeout, int retries) {

  public Survey {
    if (timeout.isNegative() || timeout.isZero() || retries < 0 || retries > 3) {
      throw new IllegalArgumentException("survey timeout must be positive and retries 0..3");
    }
  }
}
