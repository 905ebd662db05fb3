package io.switchboard.signaling;

import java.time.Duration;
import java.util.Objects;

/**
 * Lockout of password guessers on agent login, on top of the per-address rate limit.
 *
 * @param failuresPerAddress wrong logins from one address, for any usernames, before the address is locked out
 * @param failuresPerAccount wrong logins for one username, from anywhere, before that username is locked out (known
 *                           or not, so a lockout does not tell which usernames exist)
 * @param lockout            the first lockout; every further lockout of the same address or username doubles it
 * @param maxLockout         the longest lockout
 */
public record LoginLockoutConfig(int failuresPerAddress, int failuresPerAccount, Duration lockout,
    Duration maxLockout) {

  public LoginLockoutConfig {
    Objects.requireNonNull(lockout, "lockout");
    Objects.requireNonNull(maxLockout, "maxLockout");
    if (failuresPerAddress < 1 || failuresPerAccount < 1) {
      throw new IllegalArgumentException("login lockout thresholds must be at least 1, got " + failuresPerAddress
          + " and " + failuresPerAccount);
    }
    if (lockout.toSeconds() < 1 || maxLockout.compareTo(lockout) < 0) {
      throw new IllegalArgumentException("login lockout must be at least 1 s and maxLockout at least lockout, got "
          + lockout + " and " + maxLockout);
    }
  }

  /** 20 failures per address, 5 per username; 60 s doubling up to 1 h. */
  public static LoginLockoutConfig defaults() {
    return new LoginLockoutConfig(20, 5, Duration.ofSeconds(60), Duration.ofHours(1));
  }
}
