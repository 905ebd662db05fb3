package io.switchboard.signaling.impl;

/**
 * A token bucket: up to {@code capacity} events at once, refilled at {@code capacity} per {@code periodNanos}.
 * Times are {@link System#nanoTime()} values passed in, so tests and callers decide the clock.
 */
final class TokenBucket {

  private final double capacity;
  private final double tokensPerNano;
  private double tokens;
  private long lastNanos;

  TokenBucket(int capacity, long periodNanos, long nowNanos) {
    this.capacity = capacity;
    this.tokensPerNano = capacity / (double) periodNanos;
    this.tokens = capacity;
    this.lastNanos = nowNanos;
  }

  /** Takes one token if there is one. */
  synchronized boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Nanoseconds until the next token (0 if one is there). */
  synchronized long nanosUntilNext(long nowNanos) {
    refill(nowNanos);
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / tokensPerNano);
  }

  /** A full bucket carries no history and can be forgotten. */
  synchronized boolean isFull(long nowNanos) {
    refill(nowNanos);
    return tokens >= capacity;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - lastNanos;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
      lastNanos = nowNanos;
    }
  }
}
