package io.switchboard.routing.flow.decision;

import java.util.Map;

/** Put the call in an ACD queue ({@code RoutingEngine.callArrived}) with this priority and these skills. */
public record Enqueue(String queueId, int priority, Map<String, Integer> skills, String reason)
    implements FlowDecision {

  public Enqueue {
    skills = Map.copyOf(skills);
  }
}
