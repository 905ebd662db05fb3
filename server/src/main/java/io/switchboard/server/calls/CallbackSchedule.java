package io.switchboard.server.calls;

import java.time.Duration;
import java.util.Objects;

/**
 * How the server dials stored callback requests (docs/routing.md, "Dialled callbacks").
 *
 * @param pollEvery     how often due requests are looked for while an agent is free
 * @param acceptWithin  how long the reserved agent has to accept the preview before the reservation is released
 * @param retryAfter    the back-off after a busy / unanswered attempt, multiplied by the attempts made so far
 * @param maxAttempts   attempts before the request is given up ({@code failed})
 */
public record CallbackSchedule(Duration pollEvery, Duration acceptWithin, Duration retryAfter, int maxAttempts) {

  public CallbackSchedule {
    Objects.requireNonNull(pollEvery, "pollEvery");
    Objects.requireNonNull(acceptWithin, "acceptWithin");
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (pollEvery.toMillis() < 100 || acceptWithin.isNegative() || acceptWithin.isZero() || retryAfter.isNegative()
        || maxAttempts < 1) {
      throw new IllegalArgumentException("callback schedule: poll >= 100 ms, accept > 0, retry >= 0, attempts >= 1");
    }
  }
}
