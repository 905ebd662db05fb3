package io.switchboard.signaling;

import io.switchboard.signaling.impl.AgentSignalingImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The agent side of the browser protocol (docs/protocol.md): login over HTTP, then one WebSocket per agent that is
 * authenticated, validated and rate-limited here and dispatched to {@link AgentCommands}.
 *
 * <p>The HTTP server that carries the router must allow the frames this accepts and no more:
 * {@code HttpServerOptions.setMaxWebSocketFrameSize(config.maxFrameBytes())} and
 * {@code setMaxWebSocketMessageSize(config.maxFrameBytes())}. The socket checks the size itself too and closes with
 * 1009, so a larger server limit is safe; a smaller one makes Netty close first (also 1009).
 */
public interface AgentSignaling {

  static AgentSignaling create(Vertx vertx, SignalingConfig config, AgentAccounts accounts, AgentCommands commands) {
    return new AgentSignalingImpl(vertx, config, accounts, commands);
  }

  /** Adds {@code POST /api/login} (with its own 4 KiB body limit) and {@code GET /ws/agent} to the router. */
  void mount(Router router);

  /** Authenticated sockets that are open now (at most one per agent). */
  int connectionCount();

  /** Refuses new logins and sockets and closes every socket with 1001 "going away". Idempotent. */
  Future<Void> close();
}
