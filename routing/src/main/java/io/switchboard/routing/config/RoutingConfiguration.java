package io.switchboard.routing.config;

import io.switchboard.routing.acd.AgentProfile;
import io.switchboard.routing.acd.QueueConfig;
import io.switchboard.routing.flow.EntryPoints;
import io.switchboard.routing.flow.Flow;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One complete, validated routing configuration: what {@link ConfigurationFactory} builds from the documents of one
 * revision. Immutable; the server swaps the whole of it when a change is applied.
 *
 * @param revision         increases with every applied change (0: nothing configured)
 * @param queues           in an order where every overflow target comes before the queues that overflow to it
 * @param queueNames       display names by queue id
 * @param agents           profiles by agent (account) id, in document order (the member order of each queue)
 * @param groups           agent groups (supervisors see their groups' calls) by id
 * @param flows            call flows by id
 * @param entryPoints      which flow answers which dialled number
 * @param notReadyReasons  the admin-defined Not ready reason codes agents may pick
 */
public record RoutingConfiguration(long revision, List<QueueConfig> queues, Map<String, String> queueNames,
    List<AgentProfile> agents, Map<String, AgentGroup> groups, Map<String, Flow> flows, EntryPoints entryPoints,
    List<String> notReadyReasons) {

  public RoutingConfiguration {
    queues = List.copyOf(queues);
    queueNames = Collections.unmodifiableMap(new LinkedHashMap<>(queueNames));
    agents = List.copyOf(agents);
    groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    flows = Collections.unmodifiableMap(new LinkedHashMap<>(flows));
    notReadyReasons = List.copyOf(notReadyReasons);
  }

  /** Nothing configured: no queue, no flow, every call is refused (404). */
  public static RoutingConfiguration empty() {
    return new RoutingConfiguration(0, List.of(), Map.of(), List.of(), Map.of(), Map.of(),
        new EntryPoints(Map.of(), Optional.empty()), List.of());
  }

  /** The first supervisor of the first group the agent is a member of: the cascade's "group supervisor". */
  public Optional<String> supervisorOf(String agentId) {
    return groups.values().stream().filter(g -> g.members().contains(agentId) && !g.supervisors().isEmpty())
        .map(g -> g.supervisors().get(0)).findFirst();
  }

  /** Whether a supervisor's groups include this agent. */
  public boolean supervises(String supervisorId, String agentId) {
    return groups.values().stream().anyMatch(g -> g.supervisors().contains(supervisorId)
        && g.members().contains(agentId));
  }
}
