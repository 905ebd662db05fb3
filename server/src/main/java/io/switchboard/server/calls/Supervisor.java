package io.switchboard.server.calls;

import io.switchboard.media.WebRtcSession;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.AgentConnection;
import io.vertx.core.json.JsonObject;

/**
 * A signed-in supervisor's desk (an account with the supervisor or admin role and no agent role): the socket, the
 * supervisor's own media session (set up once, like an agent's shift session) and the call they monitor, if any.
 * Touched on the call center's context only.
 */
final class Supervisor {
  final AgentAccount account;
  AgentConnection connection;
  WebRtcSession media;
  /** The call this supervisor is in, or null. */
  Monitoring monitoring;

  Supervisor(AgentAccount account) {
    this.account = account;
  }

  String id() {
    return account.id();
  }

  boolean mediaConnected() {
    return media != null && media.connected().succeeded() && !media.closed().isComplete();
  }

  void send(JsonObject frame) {
    AgentConnection c = connection;
    if (c != null) {
      c.send(frame);
    }
  }

  JsonObject who() {
    return new JsonObject().put("id", account.id()).put("username", account.username()).put("name", account.name());
  }
}
