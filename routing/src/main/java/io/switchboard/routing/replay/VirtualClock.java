package io.switchboard.routing.replay;

import java.time.Instant;
import java.time.InstantSource;

/**
 * Simulated time for a replay: the engine and the flows read it like the production clock, the replay moves it from
 * one event to the next, so a day takes as long as its events take to compute.
 */
public final class VirtualClock implements InstantSource {

  private Instant now;

  public VirtualClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Moves to {@code at}; simulated time never goes back. */
  public void advanceTo(Instant at) {
    if (at.isBefore(now)) {
      throw new IllegalArgumentException("simulated time does not go back: " + at + " < " + now);
    }
    now = at;
  }
}
