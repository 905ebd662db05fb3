package io.switchboard.server.metrics;

import java.util.Objects;

/**
 * {@code GET /metrics} (docs/metrics.md).
 *
 * @param enabled whether the endpoint exists at all (the figures are kept either way: they cost next to nothing)
 * @param token   when not empty, every scrape must send {@code Authorization: Bearer <token>}, from any address; when
 *                empty, scrapes are taken only from loopback and private addresses (RFC 1918, RFC 4193, link-local)
 */
public record MetricsConfig(boolean enabled, String token) {

  public MetricsConfig {
    Objects.requireNonNull(token, "metrics.token");
    if (!token.isEmpty() && token.length() < 16) {
      throw new IllegalArgumentException("metrics.token must be empty or at least 16 characters");
    }
  }

  public static MetricsConfig defaults() {
    return new MetricsConfig(true, "");
  }
}
