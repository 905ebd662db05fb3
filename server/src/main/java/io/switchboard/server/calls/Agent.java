package io.switchboard.server.calls;

import io.switchboard.routing.acd.AgentState;
import io.switchboard.signaling.AgentAccount;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;

/**
 * A signed-in agent's desk: socket, shift-long media session, the call it rings for or talks on, and the state the
 * routing engine last reported (the engine is the truth; this copy is what the desktop was told). Touched on the
 * call center's context only.
 */
final class Agent extends Seat {
  AgentState state = AgentState.LOGGED_OUT;
  String reason;
  Instant since = Instant.now();
  /** The call ringing this agent, or connected to it. */
  Call call;
  /** The call whose wrap-up this is (kept after the call ended, for the desktop's wrap-up form). */
  String wrapUpCall;

  Agent(AgentAccount account) {
    super(account);
  }

  /** Records the engine's new state and tells the desktop (docs/protocol.md, "state"). */
  void state(AgentState newState, String newReason, long wrapUpSeconds) {
    state = newState;
    reason = newState == AgentState.NOT_READY ? wireReason(newReason) : null;
    since = Instant.now();
    JsonObject frame = new JsonObject().put("type", "state").put("state", wire(newState)).put("reason", reason)
        .put("since", since.toString());
    if (newState == AgentState.WRAP_UP) {
      frame.put("callId", wrapUpCall).put("wrapUpSeconds", wrapUpSeconds);
    }
    send(frame);
  }

  /**
   * The reason as the protocol names it: the engine's own codes for its automatic moves keep the names the desktop
   * has always had (docs/protocol.md); admin-defined codes pass as they are.
   */
  static String wireReason(String engineReason) {
    if (engineReason == null) {
      return null;
    }
    return switch (engineReason) {
      case "login" -> "logged_in";
      case "ring-no-answer" -> "missed_calls";
      default -> engineReason;
    };
  }

  static String wire(AgentState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }
}
