package io.switchboard.signaling;

import java.util.List;
import java.util.Objects;

/**
 * Someone who may log in: an agent, a supervisor, an admin, or several of these ({@link #roles()}).
 * {@code passwordHash} is a bcrypt hash made by {@link Passwords#hash}; it never leaves the server and
 * {@link #toString()} leaves it out so it cannot end up in a log.
 */
public record AgentAccount(String id, String username, String name, String passwordHash, List<String> roles) {

  /** Takes calls; sees only the calls and recordings they took. */
  public static final String AGENT = "agent";
  /** Watches queues; sees every call and recording. */
  public static final String SUPERVISOR = "supervisor";
  /** Configures the center; sees every call, recording and the listening audit. */
  public static final String ADMIN = "admin";
  /** The roles there are. */
  public static final List<String> ROLES = List.of(AGENT, SUPERVISOR, ADMIN);

  public AgentAccount {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    if (name == null) {
      name = username;
    }
    roles = roles == null ? List.of(AGENT) : List.copyOf(roles);
    for (String role : roles) {
      if (!ROLES.contains(role)) {
        throw new IllegalArgumentException("unknown role " + role + ", expected one of " + ROLES);
      }
    }
  }

  /** An account with the {@link #AGENT} role only. */
  public AgentAccount(String id, String username, String name, String passwordHash) {
    this(id, username, name, passwordHash, List.of(AGENT));
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** Whether the account has at least one of {@code wanted}. */
  public boolean hasAnyRole(List<String> wanted) {
    return wanted.stream().anyMatch(roles::contains);
  }

  @Override
  public String toString() {
    return "AgentAccount[id=" + id + ", username=" + username + ", name=" + name + ", roles=" + roles + "]";
  }
}
