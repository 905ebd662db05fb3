package io.switchboard.gateway.impl;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code perSecond}; each admitted request takes one.
 * Time comes from the caller (nanoseconds), so tests need no clock of their own.
 */
final class TokenBucket {

  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  TokenBucket(double perSecond, int burst, long now) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = now;
  }

  /** Takes a token if there is one. */
  synchronized boolean take(long now) {
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** True when the bucket is full again: its source has been quiet long enough to be forgotten. */
  synchronized boolean idle(long now) {
    refill(now);
    return tokens >= burst;
  }

  private void refill(long now) {
    long elapsed = now - last;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * perNano);
      last = now;
    }
  }
}
