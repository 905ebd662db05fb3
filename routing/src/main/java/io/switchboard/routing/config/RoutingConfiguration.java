package io.switchboard.routing.config;

import io.switchboard.routing.acd.AgentProfile;
import io.switchboard.routing.acd.QueueConfig;
import io.switchboard.routing.flow.EntryPoints;
import io.switchboard.routing.flow.Flow;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One complete, cross-validated routing configuration; immutable. Built only by {@link ConfigurationFactory}
 * (or {@link #empty()}), so whoever holds one may apply it without checking again.
 *
 * @param revision increases with every applied change (0 for the empty configuration)
 * @param queues in an order where every overflow target comes before the queues overflowing into it, so
 *     {@code RoutingEngine.addQueue} accepts them one after the other
 * @param queueNames display names by queue id
 * @param agents in configured order (the member order of each queue)
 * @param groups by id
 * @param flows by id
 * @param entryPoints which flow answers which dialled E.164 number and the widget
 * @param notReadyReasons the reason codes agents may choose when going Not ready
 * @param queueTargets the wallboard's service-level threshold, target and alert by queue id (absent: defaults)
 */
public record RoutingConfiguration(long revision, List<QueueConfig> queues, Map<String, String> queueNames,
    List<AgentProfile> agents, Map<String, AgentGroup> groups, Map<String, Flow> flows, EntryPoints entryPoints,
    List<String> notReadyReasons, Map<String, QueueTargets> queueTargets, Set<String> maskedQueues) {

  /** A configuration in which no queue masks its callers' numbers. */
  public RoutingConfiguration(long revision, List<QueueConfig> queues, Map<String, String> queueNames,
      List<AgentProfile> agents, Map<String, AgentGroup> groups, Map<String, Flow> flows, EntryPoints entryPoints,
      List<String> notReadyReasons, Map<String, QueueTargets> queueTargets) {
    this(revision, queues, queueNames, agents, groups, flows, entryPoints, notReadyReasons, queueTargets, Set.of());
  }

  /** Every queue measured against {@link QueueTargets#DEFAULT}. */
  public RoutingConfiguration(long revision, List<QueueConfig> queues, Map<String, String> queueNames,
      List<AgentProfile> agents, Map<String, AgentGroup> groups, Map<String, Flow> flows, EntryPoints entryPoints,
      List<String> notReadyReasons, Set<String> maskedQueues) {
    this(revision, queues, queueNames, agents, groups, flows, entryPoints, notReadyReasons, Map.of(), maskedQueues);
  }

  /** The reasons offered when no settings document exists. */
  public static final List<String> DEFAULT_NOT_READY_REASONS =
      List.of("break", "lunch", "training", "meeting", "after_call_work");

  public RoutingConfiguration {
    queues = List.copyOf(queues);
    queueNames = Collections.unmodifiableMap(new LinkedHashMap<>(queueNames));
    agents = List.copyOf(agents);
    groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    flows = Collections.unmodifiableMap(new LinkedHashMap<>(flows));
    Objects.requireNonNull(entryPoints, "entryPoints");
    notReadyReasons = List.copyOf(notReadyReasons);
    queueTargets = Collections.unmodifiableMap(new LinkedHashMap<>(queueTargets));
    maskedQueues = Set.copyOf(maskedQueues);
  }

  /** Every queue measured against {@link QueueTargets#DEFAULT}, no queue masking its callers' numbers. */
  public RoutingConfiguration(long revision, List<QueueConfig> queues, Map<String, String> queueNames,
      List<AgentProfile> agents, Map<String, AgentGroup> groups, Map<String, Flow> flows, EntryPoints entryPoints,
      List<String> notReadyReasons) {
    this(revision, queues, queueNames, agents, groups, flows, entryPoints, notReadyReasons, Map.of(), Set.of());
  }

  /** The queue's wallboard targets, the defaults when it sets none. */
  public QueueTargets targets(String queueId) {
    return queueTargets.getOrDefault(queueId, QueueTargets.DEFAULT);
  }

  /** Whether agents of this queue see its callers' numbers masked (queue document {@code maskNumbers: true}). */
  public boolean masksNumbers(String queueId) {
    return queueId != null && maskedQueues.contains(queueId);
  }

  /** Nothing configured: no queue, agent, flow or entry point; the default not-ready reasons. */
  public static RoutingConfiguration empty() {
    return new RoutingConfiguration(0, List.of(), Map.of(), List.of(), Map.of(), Map.of(),
        new EntryPoints(Map.of(), Optional.empty()), DEFAULT_NOT_READY_REASONS);
  }

  /** The first supervisor of the group the agent is a member of, or empty. */
  public Optional<String> supervisorOf(String agentId) {
    return groups.values().stream().filter(g -> g.members().contains(agentId) && !g.supervisors().isEmpty())
        .map(g -> g.supervisors().get(0)).findFirst();
  }

  /** Whether a supervisor's groups include this agent (whose recordings the supervisor may hear). */
  public boolean supervises(String supervisorId, String agentId) {
    return groups.values().stream().anyMatch(g -> g.supervisors().contains(supervisorId)
        && g.members().contains(agentId));
  }

  public Optional<QueueConfig> queue(String queueId) {
    return queues.stream().filter(q -> q.id().equals(queueId)).findFirst();
  }

  public Optional<AgentProfile> agent(String agentId) {
    return agents.stream().filter(a -> a.id().equals(agentId)).findFirst();
  }

  /**
   * The agent's configured profile, or the one an agent signed in without a profile gets: member of every queue, no
   * skills (call control and the replay both use it, so they staff queues alike).
   */
  public AgentProfile profileOrDefault(String agentId) {
    return agent(agentId).orElseGet(() -> new AgentProfile(agentId, Map.of(),
        queues.stream().map(q -> io.switchboard.routing.acd.Membership.of(q.id())).toList()));
  }
}
