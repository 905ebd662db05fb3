package io.switchboard.server.api;

/**
 * Whose calls a supervisor may listen to: the members of the groups they supervise (issue 5, "a supervisor their
 * groups"). The groups live in the routing configuration; the server plugs them in here, and until it does every
 * supervisor covers every agent ({@link #EVERYONE}).
 */
@FunctionalInterface
public interface SupervisorScope {

  /** Every supervisor covers every agent: a contact center without groups. */
  SupervisorScope EVERYONE = (supervisorId, agentId) -> true;

  /** True when the supervisor {@code supervisorId} may hear the calls of {@code agentId}. */
  boolean covers(String supervisorId, String agentId);
}
