package io.switchboard.server.calls;

import io.switchboard.routing.calendar.BusinessHours;
import io.switchboard.routing.calendar.HoursStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server dials stored callback requests (docs/routing.md, "Dialled callbacks").
 *
 * @param pollEvery     how often due requests are looked for while an agent is free
 * @param acceptWithin  how long the reserved agent has to accept the preview before the reservation is released
 * @param retryAfter    the back-off after a busy / unanswered attempt, multiplied by the attempts made so far
 * @param maxAttempts   attempts before the request is given up ({@code failed})
 * @param hours         the trunk's calling window ({@code outbound.callbackHours}): when this carrier may place
 *                      callbacks at all (e.g. the legal calling hours), on top of each queue's business hours,
 *                      which the dialler takes from the flows ({@link io.switchboard.routing.flow.QueueHours});
 *                      empty: no limit beyond the queue's hours
 */
public record CallbackSchedule(Duration pollEvery, Duration acceptWithin, Duration retryAfter, int maxAttempts,
    Optional<BusinessHours> hours) {

  public CallbackSchedule {
    Objects.requireNonNull(pollEvery, "pollEvery");
    Objects.requireNonNull(acceptWithin, "acceptWithin");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(hours, "hours");
    if (pollEvery.toMillis() < 100 || acceptWithin.isNegative() || acceptWithin.isZero() || retryAfter.isNegative()
        || maxAttempts < 1) {
      throw new IllegalArgumentException("callback schedule: poll >= 100 ms, accept > 0, retry >= 0, attempts >= 1");
    }
  }

  /** Whether the trunk's window lets customers be called at {@code at} (never on one of its holidays). */
  public boolean open(Instant at) {
    return hours.map(h -> h.status(at) == HoursStatus.OPEN).orElse(true);
  }
}
