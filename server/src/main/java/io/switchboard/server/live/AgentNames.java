package io.switchboard.server.live;

import io.switchboard.routing.acd.AgentProfile;
import io.switchboard.routing.config.RoutingConfiguration;
import io.switchboard.server.store.Store;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives the boards the display names of the configured agents who have not signed in yet (the routing configuration
 * names agents by account id only). Best effort: an agent whose name cannot be read shows its id until it signs in.
 */
public final class AgentNames {
  private static final Logger LOG = Logger.getLogger(AgentNames.class.getName());

  private AgentNames() {
  }

  public static void lookUp(Store store, LiveStats stats, RoutingConfiguration config) {
    for (AgentProfile agent : config.agents()) {
      store.agentName(agent.id())
          .onSuccess(name -> name.ifPresent(n -> stats.agentNamed(agent.id(), n)))
          .onFailure(e -> LOG.log(Level.FINE, "no name for agent " + agent.id(), e));
    }
  }
}
