package io.switchboard.routing.acd;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when a test says so. */
public final class ManualClock implements InstantSource {

  private Instant now;

  public ManualClock() {
    this(Instant.parse("2026-01-05T09:00:00Z"));
  }

  public ManualClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  public void advanceSeconds(long s) {
    advance(Duration.ofSeconds(s));
  }

  public void set(Instant at) {
    if (at.isBefore(now)) {
      throw new IllegalArgumentException("time does not go back: " + at + " < " + now);
    }
    now = at;
  }
}
