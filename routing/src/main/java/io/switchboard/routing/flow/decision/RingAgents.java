package io.switchboard.routing.flow.decision;

import java.time.Duration;
import java.util.List;

/** Ring these agents' desktops at the same time for one cascade step; the first to answer gets the call. */
public record RingAgents(String step, List<String> agents, Duration timeout, String reason) implements FlowDecision {

  public RingAgents {
    agents = List.copyOf(agents);
  }
}
