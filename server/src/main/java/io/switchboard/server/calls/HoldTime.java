package io.switchboard.server.calls;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the agent kept a call on hold, for the history record's {@code holdSeconds} (the reports' AHT parts).
 * Touched on the call center's context only, like the call.
 */
final class HoldTime {

  private long heldMillis;
  private Instant heldSince;

  void set(boolean on, Instant now) {
    if (on && heldSince == null) {
      heldSince = now;
    } else if (!on && heldSince != null) {
      heldMillis += Duration.between(heldSince, now).toMillis();
      heldSince = null;
    }
  }

  /** Whole seconds on hold up to {@code until} (a hold still on counts to then; the call's end, or now). */
  long seconds(Instant until) {
    long millis = heldMillis;
    if (heldSince != null) {
      millis += Math.max(0, Duration.between(heldSince, until == null ? Instant.now() : until).toMillis());
    }
    return millis / 1000;
  }
}
