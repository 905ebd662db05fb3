package io.switchboard.server.api;

import io.vertx.core.Future;

/**
 * What the agents board may do to a signed-in agent through call control (the server plugs call control in; this
 * package does not reach into it). Failures: {@link IllegalArgumentException} for a bad reason (400),
 * {@link java.util.NoSuchElementException} when the agent is not signed in (404), {@link IllegalStateException} when
 * call control refuses as things stand (409); the message says why.
 */
public interface AgentControl {

  /** Not ready with one of the configured reason codes (after the call and wrap-up when on a call). */
  Future<Void> forceNotReady(String agentId, String reason);

  /** Logged out; refused while the agent is on a call. */
  Future<Void> logOut(String agentId);
}
