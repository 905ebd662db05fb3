package io.switchboard.server.calls;

import io.switchboard.signaling.AgentAccount;
import io.vertx.core.json.JsonObject;

/**
 * A signed-in supervisor's desk (an account with the supervisor or admin role and no agent role): the socket, the
 * supervisor's own media session (set up once, like an agent's shift session) and the call they monitor, if any.
 * Touched on the call center's context only.
 */
final class Supervisor extends Seat {
  /** The call this supervisor is in, or null. */
  Monitoring monitoring;

  Supervisor(AgentAccount account) {
    super(account);
  }

  JsonObject who() {
    return new JsonObject().put("id", account.id()).put("username", account.username()).put("name", account.name());
  }
}
