package io.switchboard.routing.cascade;

/**
 * Whether an agent can be rung right now. The server implements it (or uses {@link EngineAvailability} over the
 * ACD); the cascade asks it when each step starts, so an agent who became busy meanwhile is skipped.
 */
public interface AgentAvailability {

  boolean available(String agentId);

  /** Why, for the explanation: "Ready", "On call", "Not ready: lunch", "unknown agent". */
  default String describe(String agentId) {
    return available(agentId) ? "available" : "unavailable";
  }
}
