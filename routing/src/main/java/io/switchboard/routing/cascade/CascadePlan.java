package io.switchboard.routing.cascade;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Who a known caller rings, in order, and for how long. Agent ids may be null or empty where the customer has no
 * such person. The step timers come from the flow; the people from the customer record.
 */
public record CascadePlan(
    String personalManager,
    List<String> backupManagers,
    String lastAgent,
    String supervisor,
    String queueId,
    Timers timers) {

  /** How long each ringing step lasts before the next one starts. */
  public record Timers(Duration managers, Duration lastAgent, Duration supervisor) {

    public Timers {
      for (Duration d : List.of(managers, lastAgent, supervisor)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("cascade timers must be positive, got " + d);
        }
      }
    }

    public static Timers defaults() {
      return new Timers(Duration.ofSeconds(20), Duration.ofSeconds(15), Duration.ofSeconds(15));
    }
  }

  public CascadePlan {
    backupManagers = List.copyOf(backupManagers);
    Objects.requireNonNull(queueId, "queueId: the cascade always ends in a queue");
    Objects.requireNonNull(timers, "timers");
  }
}
