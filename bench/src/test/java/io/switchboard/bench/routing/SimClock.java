package io.switchboard.bench.routing;

import java.time.Instant;
import java.time.InstantSource;

/** A clock the load moves by hand: the routing engine reads time only from here. */
final class SimClock implements InstantSource {

  private static final long EPOCH_SECOND = 1_800_000_000L;
  private long nanos;

  @Override
  public Instant instant() {
    return Instant.ofEpochSecond(EPOCH_SECOND, nanos);
  }

  void advanceNanos(long n) {
    nanos += n;
  }

  long elapsedNanos() {
    return nanos;
  }
}
