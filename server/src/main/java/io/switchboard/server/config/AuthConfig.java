package io.switchboard.server.config;

import io.switchboard.signaling.LoginLockoutConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Agents' sign-in: login tokens and the lockout of password guessers.
 *
 * @param jwtSecret     the signing secret; empty = generated once into the data folder
 * @param tokenLifetime how long a login lasts
 * @param loginLockout  wrong passwords per address and per username before a lockout, and its back-off
 *                      ({@code auth.login-*}, docs/reliability.md)
 */
public record AuthConfig(String jwtSecret, Duration tokenLifetime, LoginLockoutConfig loginLockout) {
  public AuthConfig {
    Objects.requireNonNull(jwtSecret, "jwtSecret");
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    Objects.requireNonNull(loginLockout, "loginLockout");
    if (!jwtSecret.isEmpty() && jwtSecret.length() < 32) {
      throw new IllegalArgumentException("auth.jwt-secret must be empty or at least 32 characters");
    }
  }

  /** With the default lockout of password guessers. */
  public AuthConfig(String jwtSecret, Duration tokenLifetime) {
    this(jwtSecret, tokenLifetime, LoginLockoutConfig.defaults());
  }

  /** Keeps the secret out of logs. */
  @Override
  public String toString() {
    return "AuthConfig[jwtSecret=" + (jwtSecret.isEmpty() ? "<generated>" : "<set>") + ", tokenLifetime="
        + tokenLifetime + ", loginLockout=" + loginLockout + "]";
  }
}
