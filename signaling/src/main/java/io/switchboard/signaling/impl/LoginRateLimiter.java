package io.switchboard.signaling.impl;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Login attempts per remote IP: {@value #ATTEMPTS} per minute (a token bucket, so a burst of 10 then one every 6 s).
 * Every attempt counts, good or bad, so the limit also caps the bcrypt work one address can cause.
 */
final class LoginRateLimiter {

  static final int ATTEMPTS = 10;
  static final long PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  /** 0 if the attempt may go ahead, else the seconds (≥ 1) until the next one may. */
  long tryAttempt(String ip, long nowNanos) {
    TokenBucket bucket = buckets.computeIfAbsent(ip, k -> new TokenBucket(ATTEMPTS, PERIOD_NANOS, nowNanos));
    if (bucket.tryTake(nowNanos)) {
      return 0;
    }
    return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(bucket.nanosUntilNext(nowNanos) + 999_999_999L));
  }

  /** Forgets addresses whose bucket refilled; called periodically so the map stays as small as the recent traffic. */
  void sweep(long nowNanos) {
    buckets.values().removeIf(bucket -> bucket.isFull(nowNanos));
  }

  int trackedAddresses() {
    return buckets.size();
  }
}
