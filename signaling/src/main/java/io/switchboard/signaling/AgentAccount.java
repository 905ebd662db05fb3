package io.switchboard.signaling;

import java.util.Objects;

/**
 * An agent who may log in. {@code passwordHash} is a bcrypt hash made by {@link Passwords#hash}; it never leaves the
 * server and {@link #toString()} leaves it out so it cannot end up in a log.
 */
public record AgentAccount(String id, String username, String name, String passwordHash) {

  public AgentAccount {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    if (name == null) {
      name = username;
    }
  }

  @Override
  public String toString() {
    return "AgentAccount[id=" + id + ", username=" + username + ", name=" + name + "]";
  }
}
