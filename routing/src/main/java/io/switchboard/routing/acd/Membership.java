package io.switchboard.routing.acd;

import java.util.Objects;

/**
 * An agent's membership in one queue. {@code weight} (1..100) is the agent's share in weighted-random queues.
 */
public record Membership(String queueId, int weight) {

  public Membership {
    Objects.requireNonNull(queueId, "queueId");
    if (weight < 1 || weight > 100) {
      throw new IllegalArgumentException("membership weight must be 1..100, got " + weight + " for " + queueId);
    }
  }

  public static Membership of(String queueId) {
    return new Membership(queueId, 1);
  }
}
