package io.switchboard.server.calls;

import io.switchboard.routing.acd.Decision;

/**
 * What call control reports to whoever watches it live (the wallboard's statistics): the routing engine's decisions
 * once executed, plus the few facts the engine does not know. Called on the call center's context, in the order
 * things happen; an implementation must return quickly and never call back into call control.
 */
public interface CallCenterListener {

  CallCenterListener NONE = new CallCenterListener() {
  };

  /** A call arrived from a trunk; {@code from} is the caller's E.164 number, or null when withheld. */
  default void callArrived(String callId, String from) {
  }

  /** The routing engine decided this and call control has carried it out (docs/routing.md, "Decisions"). */
  default void decided(Decision decision) {
  }

  /** A callback request for the caller was stored; {@code queueId} may be null. */
  default void callbackBooked(String callId, String queueId) {
  }

  /** The call is over for call control (after its routing's last decision). */
  default void callEnded(String callId) {
  }

  /** An agent's desktop signed in (display name for the boards). */
  default void agentSignedIn(String agentId, String username, String name) {
  }

  /** A Not-ready reason as the protocol and the boards name it (the engine's own codes renamed: docs/protocol.md). */
  static String wireReason(String engineReason) {
    return Agent.wireReason(engineReason);
  }
}
