package io.switchboard.server.calls;

import io.switchboard.media.WebRtcSession;
import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.AgentConnection;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A logged-in agent: socket, shift-long media session, state. Touched on the call center's context only. */
final class Agent {
  final AgentAccount account;
  AgentConnection connection;
  WebRtcSession media;
  AgentState state = AgentState.NOT_READY;
  String reason = "logged_in";
  Instant since = Instant.now();
  /** When the agent last became free; the longest idle is offered first. */
  Instant idleSince = Instant.now();
  int missedInARow;
  Call call;

  Agent(AgentAccount account) {
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

  /** Changes state and tells the desktop. */
  void state(AgentState newState, String newReason) {
    state = newState;
    reason = newState == AgentState.NOT_READY ? newReason : null;
    since = Instant.now();
    send(new JsonObject().put("type", "state").put("state", newState.wire()).put("reason", reason)
        .put("since", since.toString()));
  }
}
