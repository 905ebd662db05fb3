package io.switchboard.server.calls;

import io.switchboard.media.CloseReason;
import io.switchboard.routing.acd.AgentState;
import io.switchboard.routing.acd.Decision;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a supervisor may do to an agent from the agents board (issue 12): force them Not ready with a reason, or log
 * them out. Both go through the routing engine like the agent's own buttons, so the engine's rules hold (an agent on
 * a call goes Not ready when the call and its wrap-up end; an agent on a call cannot be logged out). Whether the
 * supervisor may touch this agent at all, and the audit entry, are the API's part.
 */
public final class AgentOverrides {

  /** The agent's socket closes with this (docs/protocol.md, "Close codes") when a supervisor logs them out. */
  public static final int LOGGED_OUT_CLOSE = 4403;
  public static final String LOGGED_OUT_REASON = "logged_out_by_supervisor";

  /** A command the engine refused as things stand (409): the message says why. */
  public static final class Refused extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private final CallCenter center;

  AgentOverrides(CallCenter center) {
    this.center = center;
  }

  /** The reason codes a Not ready may carry under {@code routing} (its own, or the defaults the desk offers). */
  public static List<String> reasons(io.switchboard.routing.config.RoutingConfiguration routing) {
    return AgentDesk.reasons(routing);
  }

  /**
   * Puts a signed-in agent Not ready with {@code reason} (one of {@link #reasons()}): at once when Ready or ringing
   * (the offer goes to the next agent), after the call and wrap-up otherwise. The desktop is told by the usual
   * {@code state} frame.
   */
  public Future<Void> forceNotReady(String agentId, String reason) {
    return center.on(() -> {
      if (!AgentDesk.reasons(center.routing).contains(reason)) {
        throw new IllegalArgumentException("reason: expected one of " + AgentDesk.reasons(center.routing));
      }
      requireSignedIn(agentId);
      engine(() -> center.engine.notReady(agentId, reason));
      return Future.succeededFuture();
    });
  }

  /**
   * Logs a signed-in agent out: the desktop gets the {@code state} frame {@code logged_out}, then its socket closes
   * with {@value #LOGGED_OUT_CLOSE} {@value #LOGGED_OUT_REASON}; the shift's media session ends. Refused while the
   * agent talks on a call.
   */
  public Future<Void> logOut(String agentId) {
    return center.on(() -> {
      Agent agent = requireSignedIn(agentId);
      if (agent.state == AgentState.ON_CALL) {
        throw new Refused("agent " + agentId + " is on a call; log them out after it");
      }
      engine(() -> center.engine.logout(agentId));
      if (agent.connection != null) {
        agent.connection.close(LOGGED_OUT_CLOSE, LOGGED_OUT_REASON);
      }
      if (agent.call == null && agent.media != null) {
        agent.media.close(CloseReason.LOCAL);
      }
      return Future.succeededFuture();
    });
  }

  private Agent requireSignedIn(String agentId) {
    Agent agent = center.agents.get(agentId);
    if (agent == null || agent.state == AgentState.LOGGED_OUT) {
      throw new java.util.NoSuchElementException("agent " + agentId + " is not signed in");
    }
    return agent;
  }

  private void engine(Supplier<List<Decision>> event) {
    center.engineCommand("supervisor command", event).ifPresent(refused -> {
      throw new Refused(refused.getMessage());
    });
  }
}
