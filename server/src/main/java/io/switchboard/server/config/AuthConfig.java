package io.switchboard.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Agents' login tokens.
 *
 * @param jwtSecret     the signing secret; empty = generated once into the data folder
 * @param tokenLifetime how long a login lasts
 * @param firstAdminPassword the password of the {@code admin} account made when the store has no account at all;
 *                      empty = generated and written to {@code <data.dir>/first-admin-password}
 */
public record AuthConfig(String jwtSecret, Duration tokenLifetime, String firstAdminPassword) {
  public AuthConfig {
    Objects.requireNonNull(jwtSecret, "jwtSecret");
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    Objects.requireNonNull(firstAdminPassword, "firstAdminPassword");
    if (!firstAdminPassword.isEmpty() && firstAdminPassword.length() < 8) {
      throw new IllegalArgumentException("auth.first-admin-password must be empty or at least 8 characters");
    }
    if (!jwtSecret.isEmpty() && jwtSecret.length() < 32) {
      throw new IllegalArgumentException("auth.jwt-secret must be empty or at least 32 characters");
    }
  }

  /** Keeps the secret out of logs. */
  @Override
  public String toString() {
    return "AuthConfig[jwtSecret=" + (jwtSecret.isEmpty() ? "<generated>" : "<set>") + ", tokenLifetime="
        + tokenLifetime + ", firstAdminPassword=" + (firstAdminPassword.isEmpty() ? "<generated>" : "<set>") + "]";
  }
}
