package io.switchboard.server.calls;

import io.switchboard.routing.acd.AgentProfile;
import io.switchboard.routing.acd.QueueConfig;
import io.switchboard.routing.acd.RoutingEngine;
import io.switchboard.routing.acd.RoutingRejection;
import io.switchboard.routing.config.RoutingConfiguration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Applies a routing configuration to the running call center: the engine's queues and agents change in place
 * (a removed queue that still holds calls stays until it is empty), new calls take the new flows.
 */
final class LiveConfiguration {
  private static final Logger LOG = Logger.getLogger(LiveConfiguration.class.getName());

  private final CallCenter center;

  LiveConfiguration(CallCenter center) {
    this.center = center;
  }

  /** Feeds the {@link RoutingEngine} the configuration's queues and agent profiles, then makes it current. */
  void apply(RoutingConfiguration next) {
    RoutingEngine engine = center.engine;
    for (QueueConfig q : next.queues()) {
      if (engine.findQueue(q.id()).isPresent()) {
        center.engineEvent("reconfigure queue " + q.id(), () -> engine.updateQueue(q));
      } else {
        try {
          engine.addQueue(q);
        } catch (RoutingRejection e) {
          LOG.severe("queue " + q.id() + " not applied: " + e.getMessage());
        }
      }
    }
    Set<String> configured = new HashSet<>();
    for (AgentProfile p : next.agents()) {
      configured.add(p.id());
      center.engineEvent("reconfigure agent " + p.id(), () -> engine.updateAgent(p));
    }
    // Agents signed in without a profile of their own serve every queue.
    for (Agent a : center.agents.values()) {
      if (!configured.contains(a.id())) {
        center.engineEvent("reconfigure agent " + a.id(), () -> engine.updateAgent(defaultProfile(a.id(), next)));
      }
    }
    for (var q : List.copyOf(engine.queues())) {
      if (next.queues().stream().noneMatch(c -> c.id().equals(q.id()))) {
        try {
          engine.removeQueue(q.id());
        } catch (RoutingRejection e) {
          LOG.warning("queue " + q.id() + " was removed from the configuration but stays until " + e.getMessage());
        }
      }
    }
    center.routing = next;
    LOG.info(() -> "routing configuration revision " + next.revision() + " applied: " + next.queues().size()
        + " queue(s), " + next.agents().size() + " agent profile(s), " + next.flows().size() + " flow(s)");
  }

  /** The profile of an agent the configuration does not list: member of every queue, no skills. */
  static AgentProfile defaultProfile(String agentId, RoutingConfiguration routing) {
    return routing.profileOrDefault(agentId);
  }
}
