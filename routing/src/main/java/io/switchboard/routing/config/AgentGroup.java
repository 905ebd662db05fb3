package io.switchboard.routing.config;

import java.util.List;
import java.util.Objects;

/** A team: its agents and its supervisors (who see the team's calls and are the cascade's last person). */
public record AgentGroup(String id, String name, List<String> members, List<String> supervisors) {
  public AgentGroup {
    Objects.requireNonNull(id, "id");
    members = List.copyOf(members);
    supervisors = List.copyOf(supervisors);
  }
}
