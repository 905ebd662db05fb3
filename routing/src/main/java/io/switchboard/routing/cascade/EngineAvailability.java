package io.switchboard.routing.cascade;

import io.switchboard.routing.acd.Agent;
import io.switchboard.routing.acd.AgentState;
import io.switchboard.routing.acd.RoutingEngine;
import java.util.Objects;

/** Availability read from the ACD: only Ready agents can be rung (Ringing means reserved for another call). */
public final class EngineAvailability implements AgentAvailability {

  private final RoutingEngine engine;

  public EngineAvailability(RoutingEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  @Override
  public boolean available(String agentId) {
    return engine.findAgent(agentId).map(a -> a.state() == AgentState.READY).orElse(false);
  }

  @Override
  public String describe(String agentId) {
    return engine.findAgent(agentId).map(EngineAvailability::describe).orElse("unknown agent");
  }

  private static String describe(Agent a) {
    return switch (a.state()) {
      case READY -> "Ready";
      case NOT_READY -> "Not ready: " + a.notReadyReason();
      case RINGING -> "ringing for " + a.offeredCall();
      case ON_CALL -> "On call";
      case WRAP_UP -> "Wrap-up";
      case LOGGED_OUT -> "Logged out";
    };
  }
}
