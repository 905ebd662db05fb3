package io.switchboard.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Agents' login tokens.
 *
 * @param jwtSecret     the signing secret; empty = generated once into the data folder
 * @param tokenLifetime how long a login lasts
 */
public record AuthConfig(String jwtSecret, Duration tokenLifetime) {
  public AuthConfig {
    Objects.requireNonNull(jwtSecret, "jwtSecret");
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    if (!jwtSecret.isEmpty() && jwtSecret.length() < 32) {
      throw new IllegalArgumentException("auth.jwt-secret must be empty or at least 32 characters");
    }
  }

  /** Keeps the secret out of logs. */
  @Override
  public String toString() {
    return "AuthConfig[jwtSecret=" + (jwtSecret.isEmpty() ? "<generated>" : "<set>") + ", tokenLifetime="
        + tokenLifetime + "]";
  }
}
