package io.switchboard.server.outbound;

import java.util.List;
import java.util.Objects;

/**
 * Who asks for an outbound call, as the wall sees it: a signed-in agent (their account id, name and roles) or the
 * server's callback job (the stored request's id). Named in every refusal logged.
 *
 * @param kind  {@code agent} or {@code callback}
 * @param id    the account id, or the callback request's id
 * @param name  the username, or the queue the callback belongs to
 * @param roles the account's roles; empty for callbacks
 */
public record DialingParty(String kind, String id, String name, List<String> roles) {

  public static final String AGENT = "agent";
  public static final String CALLBACK = "callback";

  public DialingParty {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    name = name == null ? id : name;
    roles = roles == null ? List.of() : List.copyOf(roles);
    if (!kind.equals(AGENT) && !kind.equals(CALLBACK)) {
      throw new IllegalArgumentException("kind must be agent or callback, got " + kind);
    }
  }

  @Override
  public String toString() {
    return kind + " " + name + (kind.equals(AGENT) ? " (" + id + ", roles " + roles + ")" : " (" + id + ")");
  }
}
