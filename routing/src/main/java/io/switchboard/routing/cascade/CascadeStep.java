package io.switchboard.routing.cascade;

import java.time.Duration;
import java.util.List;

/**
 * One step of the cascade as decided: ring these agents together for this long, or (the last step) go to the queue.
 * {@code explanation} says which steps were skipped and why ("personal manager anna: On call").
 */
public record CascadeStep(Kind kind, String name, List<String> agents, Duration timeout, String queueId,
    String explanation) {

  public enum Kind { RING, QUEUE }

  public CascadeStep {
    agents = List.copyOf(agents);
  }

  static CascadeStep ring(String name, List<String> agents, Duration timeout, String explanation) {
    return new CascadeStep(Kind.RING, name, agents, timeout, null, explanation);
  }

  static CascadeStep queue(String queueId, String explanation) {
    return new CascadeStep(Kind.QUEUE, "queue", List.of(), Duration.ZERO, queueId, explanation);
  }
}
