package io.switchboard.routing.acd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The configured part of an agent: skills with proficiency 1 (basic) to 5 (expert) and the queues it serves, in
 * order. The order of {@link RoutingEngine#addAgent} calls is the member order of each queue (linear, round-robin).
 */
public record AgentProfile(String id, Map<String, Integer> skills, List<Membership> memberships) {

  public AgentProfile {
    Objects.requireNonNull(id, "id");
    skills = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skills));
    memberships = List.copyOf(memberships);
    skills.forEach((skill, level) -> {
      if (level < 1 || level > 5) {
        throw new IllegalArgumentException("proficiency must be 1..5, got " + level + " for " + id + "/" + skill);
      }
    });
    if (memberships.stream().map(Membership::queueId).distinct().count() != memberships.size()) {
      throw new IllegalArgumentException("agent " + id + " is a member of the same queue twice");
    }
  }

  public static AgentProfile of(String id, String... queueIds) {
    return new AgentProfile(id, Map.of(), java.util.Arrays.stream(queueIds).map(Membership::of).toList());
  }

  public AgentProfile withSkill(String skill, int proficiency) {
    Map<String, Integer> s = new LinkedHashMap<>(skills);
    s.put(skill, proficiency);
    return new AgentProfile(id, s, memberships);
  }

  public int weightIn(String queueId) {
    for (Membership m : memberships) {
      if (m.queueId().equals(queueId)) {
        return m.weight();
      }
    }
    return 0;
  }
}
