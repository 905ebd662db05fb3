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

  /** As above, with the supervisors' monitoring frames ({@code monitor.*}) going to {@code supervisors}. */
  static AgentSignaling create(Vertx vertx, SignalingConfig config, AgentAccounts accounts, AgentCommands commands,
      SupervisorCommands supervisors) {
    return new AgentSignalingImpl(vertx, config, accounts, commands, supervisors);
  }

  /** Adds {@code POST /api/login} (with its own 4 KiB body limit) and {@code GET /ws/agent} to the router. */
  void mount(Router router);

  /**
   * The account a login token ({@code Authorization: Bearer <token>}) stands for, for the server's HTTP API: the
   * token's signature, {@code iss}, {@code aud} and {@code exp} are checked, then the account is read again, so a
   * deleted account or a changed role counts at once. Fails with a {@link SignalingException} with code
   * {@code auth_failed} and a short reason fit for the client ({@code missing token}, {@code invalid token},
   * {@code token expired}, {@code unknown agent}); any other failure is the account store's.
   *
   * @param bearerToken the token alone, without the {@code Bearer } prefix; null or blank is {@code missing token}
   */
  Future<AgentAccount> authenticate(String bearerToken);

  /** Authenticated sockets that are open now (at most one per agent). */
  int connectionCount();

  /**
   * Starts draining before a stop (docs/reliability.md, "Graceful drain"): {@code POST /api/login} answers 503 with
   * code {@code server_draining}, a message for the agent and {@code Retry-After}; agents already signed in keep
   * their sockets (and may reconnect with their token) so their calls go on. Idempotent.
   */
  void drain(java.time.Duration retryAfter);

  /** Refuses new logins and sockets and closes every socket with 1001 "going away". Idempotent. */
  Future<Void> close();
}
