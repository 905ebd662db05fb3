package io.switchboard.gateway.impl;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed attempts per key (a source address, a trunk account) and the lockouts they earn: after {@code threshold}
 * failures in a row the key is locked for {@code first}, and every further lockout of the same key doubles that,
 * up to {@code max} (back-off, so a patient guesser gains nothing by waiting out each one). A success clears the
 * key. Thread-safe; time in nanoseconds from the caller. Bounded: past {@link #MAX_KEYS}, keys that are not locked
 * are forgotten first.
 */
final class Lockouts<K> {

  static final int MAX_KEYS = 50_000;

  private record State(int failures, int lockouts, long lockedUntil) {
  }

  private final int threshold;
  private final long first;
  private final long max;
  private final Map<K, State> states = new ConcurrentHashMap<>();

  Lockouts(int threshold, Duration first, Duration max) {
    this.threshold = threshold;
    this.first = first.toNanos();
    this.max = max.toNanos();
  }

  /** True while {@code key} is locked out. */
  boolean locked(K key, long now) {
    State s = states.get(key);
    return s != null && s.lockedUntil - now > 0;
  }

  /** Counts a failure; returns true when it locked the key. */
  boolean failed(K key, long now) {
    if (states.size() >= MAX_KEYS) {
      states.values().removeIf(s -> s.lockedUntil - now <= 0);
    }
    State after = states.compute(key, (k, old) -> {
      State o = old == null ? new State(0, 0, now) : old;
      int failures = o.failures + 1;
      if (failures < threshold) {
        return new State(failures, o.lockouts, o.lockedUntil);
      }
      int lockouts = o.lockouts + 1;
      long length = first << Math.min(lockouts - 1, 30);
      return new State(0, lockouts, now + (length <= 0 || length > max ? max : length));
    });
    return after.failures == 0;
  }

  /** Clears the key's failures (its lockout history stays only while locked). */
  void succeeded(K key) {
    states.remove(key);
  }

  int size() {
    return states.size();
  }
}
