package io.switchboard.routing.replay;

import java.time.Instant;
import java.util.Objects;

/** An agent signed in and Ready from {@code from}, going Not ready at {@code until} (after the call in hand). */
public record AgentShift(String agentId, Instant from, Instant until) {

  public AgentShift {
    Objects.requireNonNull(agentId, "agentId");
    if (until.isBefore(from)) {
      throw new IllegalArgumentException("shift of " + agentId + " ends before it starts");
    }
  }
}
