package io.switchboard.signaling.impl;

import io.switchboard.signaling.LoginLockoutConfig;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong logins per address and per username, and the lockouts they earn: after the configured number of failures in
 * a row the key is locked, every further lockout doubles (back-off) up to the maximum, a right password clears the
 * key. Checked before bcrypt, so a locked-out guesser costs no hashing. Thread-safe; bounded in size.
 */
final class LoginLockouts {

  static final int MAX_KEYS = 50_000;

  private record State(int failures, int lockouts, long lockedUntil) {
  }

  private final LoginLockoutConfig config;
  private final Map<String, State> byAddress = new ConcurrentHashMap<>();
  private final Map<String, State> byAccount = new ConcurrentHashMap<>();

  LoginLockouts(LoginLockoutConfig config) {
    this.config = config;
  }

  /** Seconds (≥ 1) until this address may try again, or 0. */
  long addressLockedFor(String address, long now) {
    return remainingSeconds(byAddress.get(address), now);
  }

  /** Seconds (≥ 1) until this username may be tried again, or 0. */
  long accountLockedFor(String username, long now) {
    return remainingSeconds(byAccount.get(key(username)), now);
  }

  void failed(String address, String username, long now) {
    fail(byAddress, address, config.failuresPerAddress(), now);
    fail(byAccount, key(username), config.failuresPerAccount(), now);
  }

  void succeeded(String address, String username) {
    byAddress.remove(address);
    byAccount.remove(key(username));
  }

  /** Forgets keys that are neither locked nor recently failing past their lockout; called with the limiter sweep. */
  void sweep(long now) {
    byAddress.values().removeIf(s -> s.failures == 0 && s.lockedUntil - now <= 0);
    byAccount.values().removeIf(s -> s.failures == 0 && s.lockedUntil - now <= 0);
  }

  private void fail(Map<String, State> states, String key, int threshold, long now) {
    if (states.size() >= MAX_KEYS) {
      states.values().removeIf(s -> s.lockedUntil - now <= 0);
    }
    long first = config.lockout().toNanos();
    long max = config.maxLockout().toNanos();
    states.compute(key, (k, old) -> {
      State o = old == null ? new State(0, 0, now) : old;
      int failures = o.failures + 1;
      if (failures < threshold) {
        return new State(failures, o.lockouts, o.lockedUntil);
      }
      int lockouts = o.lockouts + 1;
      long length = first << Math.min(lockouts - 1, 30);
      return new State(0, lockouts, now + (length <= 0 || length > max ? max : length));
    });
  }

  private static long remainingSeconds(State state, long now) {
    if (state == null || state.lockedUntil - now <= 0) {
      return 0;
    }
    return Math.max(1, (state.lockedUntil - now + 999_999_999L) / 1_000_000_000L);
  }

  /** Usernames compare case-insensitively here, so "Alice" and "alice" share one count. */
  private static String key(String username) {
    return username.toLowerCase(Locale.ROOT);
  }
}
