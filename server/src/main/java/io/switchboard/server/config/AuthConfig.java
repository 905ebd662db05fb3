package io.switchboard.server.config;

import io.switchboard.signaling.LoginLockoutConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Agents' sign-in: login tokens, the lockout of password guessers, and the first admin of a new installation.
 *
 * @param jwtSecret          the signing secret; empty = generated once into the data folder
 * @param tokenLifetime      how long a login lasts
 * @param loginLockout       wrong passwords per address and per username before a lockout, and its back-off
 *                           ({@code auth.login-*}, docs/reliability.md)
 * @param firstAdminPassword the password of the {@code admin} account made when the store has no account at all;
 *                           empty = generated and written to {@code <data.dir>/first-admin-password}
 */
public record AuthConfig(String jwtSecret, Duration tokenLifetime, LoginLockoutConfig loginLockout,
    String firstAdminPassword) {
  public AuthConfig {
    Objects.requireNonNull(jwtSecret, "jwtSecret");
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    Objects.requireNonNull(loginLockout, "loginLockout");
    Objects.requireNonNull(firstAdminPassword, "firstAdminPassword");
    if (!jwtSecret.isEmpty() && jwtSecret.length() < 32) {
      throw new IllegalArgumentException("auth.jwt-secret must be empty or at least 32 characters");
    }
    if (!firstAdminPassword.isEmpty() && firstAdminPassword.length() < 8) {
      throw new IllegalArgumentException("auth.first-admin-password must be empty or at least 8 characters");
    }
  }

  /** With the default lockout of password guessers and a generated first admin password. */
  public AuthConfig(String jwtSecret, Duration tokenLifetime) {
    this(jwtSecret, tokenLifetime, LoginLockoutConfig.defaults(), "");
  }

  /** Keeps the secrets out of logs. */
  @Override
  public String toString() {
    return "AuthConfig[jwtSecret=" + (jwtSecret.isEmpty() ? "<generated>" : "<set>") + ", tokenLifetime="
        + tokenLifetime + ", loginLockout=" + loginLockout + ", firstAdminPassword="
        + (firstAdminPassword.isEmpty() ? "<generated>" : "<set>") + "]";
  }
}
