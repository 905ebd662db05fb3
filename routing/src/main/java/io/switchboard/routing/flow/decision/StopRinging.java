package io.switchboard.routing.flow.decision;

import java.util.List;

/** Stop ringing these agents (step timed out, answered elsewhere, caller hung up). */
public record StopRinging(List<String> agents, String reason) implements FlowDecision {

  public StopRinging {
    agents = List.copyOf(agents);
  }
}
