package io.switchboard.routing.acd;

import java.time.Duration;

/**
 * A queue's average handle time (talk + wrap-up), an exponentially weighted moving average over recent calls
 * (weight {@value #ALPHA} per call, i.e. roughly the last 1/ALPHA = 50 calls), starting from the configured default
 * so the first announcements are sensible.
 */
final class AverageHandleTime {

  static final double ALPHA = 0.02;
  private double seconds;

  AverageHandleTime(Duration initial) {
    this.seconds = initial.toMillis() / 1000.0;
  }

  void record(Duration handle) {
    seconds += ALPHA * (handle.toMillis() / 1000.0 - seconds);
  }

  Duration value() {
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
