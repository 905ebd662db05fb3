package io.switchboard.routing.config;

import java.util.List;
import java.util.Objects;

/**
 * A team of agents (a site, a line) with its supervisors: the cascade's "supervisor" step rings the first
 * supervisor of the caller's last agent's group. Supervisors are account ids; they need not be configured agents.
 */
public record AgentGroup(String id, String name, List<String> members, List<String> supervisors) {

  public AgentGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    members = List.copyOf(members);
    supervisors = List.copyOf(supervisors);
  }
}
