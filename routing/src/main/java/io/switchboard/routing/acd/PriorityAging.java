package io.switchboard.routing.acd;

import java.time.Duration;

/**
 * Priority aging: a waiting caller gains one priority point per {@code every} of waiting, up to {@code maxBoost},
 * so normal callers are not starved by a stream of VIPs. Aging never reorders callers of equal base priority (the
 * one who waited longer always has at least as many points), so FIFO within a priority survives it.
 */
public record PriorityAging(Duration every, int maxBoost) {

  public static final PriorityAging NONE = new PriorityAging(Duration.ZERO, 0);

  public PriorityAging {
    if (every.isNegative() || maxBoost < 0) {
      throw new IllegalArgumentException("aging step and max boost must not be negative");
    }
  }

  public int boost(Duration waited) {
    if (every.isZero() || maxBoost == 0) {
      return 0;
    }
    return (int) Math.min(maxBoost, waited.toMillis() / every.toMillis());
  }
}
