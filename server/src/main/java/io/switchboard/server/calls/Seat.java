package io.switchboard.server.calls;

import io.switchboard.media.WebRtcSession;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.AgentConnection;
import io.vertx.core.json.JsonObject;

/**
 * What every signed-in desk has, an agent's or a supervisor's: the account, its socket and its own long-lived media
 * session. Touched on the call center's context only.
 */
abstract class Seat {
  final AgentAccount account;
  AgentConnection connection;
  WebRtcSession media;

  Seat(AgentAccount account) {
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
}
