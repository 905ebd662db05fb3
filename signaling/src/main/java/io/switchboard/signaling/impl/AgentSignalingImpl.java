package io.switchboard.signaling.impl;

import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.AgentAccounts;
import io.switchboard.signaling.AgentCommands;
import io.switchboard.signaling.AgentSignaling;
import io.switchboard.signaling.SignalingConfig;
import io.switchboard.signaling.SignalingException;
import io.switchboard.signaling.SupervisorCommands;
import io.switchboard.signaling.impl.AgentTokens.Claims;
import io.switchboard.signaling.impl.AgentTokens.TokenRejected;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the login endpoint and every agent socket: the register of live sockets (one per agent) and the close cascade
 * (docs/closures.md: {@code AgentSignaling.close()} → every socket closes with 1001 → {@code disconnected}).
 */
public final class AgentSignalingImpl implements AgentSignaling {

  public static final String LOGIN_PATH = "/api/login";
  public static final String SOCKET_PATH = "/ws/agent";
  /** The error code of a login refused because the server is about to stop. */
  public static final String DRAINING = "server_draining";
  static final String DRAINING_MESSAGE = "The server is shutting down for maintenance and takes no new sign-ins; "
      + "calls in progress go on. Sign in again in a few minutes.";

  private static final Logger LOG = Logger.getLogger(AgentSignalingImpl.class.getName());
  /** bcrypt threads: caps the CPU that logins can take (≈ 15 logins/s per thread at cost 10). */
  private static final int BCRYPT_THREADS = 2;
  private static final long SWEEP_PERIOD_MS = 60_000;
  /** As the socket's {@code auth} frame allows (docs/protocol.md). */
  private static final int MAX_TOKEN_CHARS = 4096;

  private final Vertx vertx;
  private final SignalingConfig config;
  private final AgentAccounts accounts;
  private final AgentCommands commands;
  private final AgentTokens tokens;
  private final CommandDispatch dispatch;
  private final LoginRateLimiter loginLimiter = new LoginRateLimiter();
  private final LoginLockouts loginLockouts;
  private final WorkerExecutor bcryptWorkers;
  private final long sweepTimer;

  /** Authenticated sockets by agent id. */
  private final ConcurrentMap<String, AgentSocket> byAgent = new ConcurrentHashMap<>();
  /** Every socket, authenticated or not, so that close() reaches them all. */
  private final Set<AgentSocket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  /** Seconds for Retry-After once draining, else -1. */
  private volatile long drainRetryAfter = -1;
  private Future<Void> closing;

  public AgentSignalingImpl(Vertx vertx, SignalingConfig config, AgentAccounts accounts, AgentCommands commands) {
    this(vertx, config, accounts, commands, SupervisorCommands.NONE);
  }

  public AgentSignalingImpl(Vertx vertx, SignalingConfig config, AgentAccounts accounts, AgentCommands commands,
      SupervisorCommands supervisors) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.config = Objects.requireNonNull(config, "config");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.commands = Objects.requireNonNull(commands, "commands");
    this.tokens = new AgentTokens(vertx, config.jwtSecret(), config.tokenLifetime());
    this.dispatch = new CommandDispatch(commands, Objects.requireNonNull(supervisors, "supervisors"));
    this.bcryptWorkers = vertx.createSharedWorkerExecutor("switchboard-login-bcrypt", BCRYPT_THREADS);
    this.loginLockouts = new LoginLockouts(config.loginLockout());
    this.sweepTimer = vertx.setPeriodic(SWEEP_PERIOD_MS, t -> {
      loginLimiter.sweep(System.nanoTime());
      loginLockouts.sweep(System.nanoTime());
    });
  }

  @Override
  public void mount(Router router) {
    // A route of its own ahead of the login's: a drain refuses before the body is even read.
    router.post(LOGIN_PATH).handler(this::refuseWhileDraining);
    router.post(LOGIN_PATH)
        .handler(BodyHandler.create(false).setBodyLimit(LoginEndpoint.MAX_BODY_BYTES))
        .handler(new LoginEndpoint(accounts, tokens, loginLimiter, loginLockouts, bcryptWorkers, () -> closed))
        .failureHandler(LoginEndpoint::handleFailure);
    router.get(SOCKET_PATH).handler(this::upgrade);
  }

  @Override
  public Future<AgentAccount> authenticate(String bearerToken) {
    if (bearerToken == null || bearerToken.isBlank()) {
      return Future.failedFuture(new SignalingException("auth_failed", "missing token"));
    }
    if (bearerToken.length() > MAX_TOKEN_CHARS) {
      return Future.failedFuture(new SignalingException("auth_failed", "invalid token"));
    }
    return tokens.verify(bearerToken, System.currentTimeMillis())
        .compose(this::accountFor)
        .recover(e -> Future.failedFuture(e instanceof TokenRejected rejected
            ? new SignalingException("auth_failed", rejected.getMessage()) : e));
  }

  @Override
  public void drain(java.time.Duration retryAfter) {
    drainRetryAfter = Math.max(0, retryAfter.toSeconds());
  }

  private void refuseWhileDraining(RoutingContext ctx) {
    long retryAfter = drainRetryAfter;
    if (retryAfter < 0 || closed) {
      ctx.next();
      return;
    }
    ctx.response().setStatusCode(503)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Retry-After", Long.toString(retryAfter))
        .end(new io.vertx.core.json.JsonObject().put("code", DRAINING).put("message", DRAINING_MESSAGE).encode());
  }

  @Override
  public int connectionCount() {
    return byAgent.size();
  }

  @Override
  public synchronized Future<Void> close() {
    if (closing != null) {
      return closing;
    }
    closed = true;
    vertx.cancelTimer(sweepTimer);
    List<Future<Void>> all = sockets.stream().map(s -> {
      s.close(AgentSocket.GOING_AWAY, "going away");
      return s.closed();
    }).toList();
    closing = Future.join(all).transform(ar -> bcryptWorkers.close());
    return closing;
  }

  private void upgrade(RoutingContext ctx) {
    if (closed) {
      ctx.response().setStatusCode(503).end();
      return;
    }
    ctx.request().toWebSocket().onComplete(ar -> {
      if (ar.failed()) {
        // Vert.x has answered 400 for a request that is not a valid upgrade.
        LOG.log(Level.FINE, "agent socket upgrade failed: " + ar.cause());
        return;
      }
      accept(ar.result());
    });
  }

  private void accept(ServerWebSocket ws) {
    AgentSocket socket = new AgentSocket(this, ws, vertx, vertx.getOrCreateContext(), Ids.connectionId());
    sockets.add(socket);
    try {
      socket.start();
    } catch (IllegalStateException alreadyClosed) {
      sockets.remove(socket);
      return;
    }
    if (closed) {
      socket.close(AgentSocket.GOING_AWAY, "going away");
    }
  }

  // ---- for AgentSocket

  SignalingConfig config() {
    return config;
  }

  AgentTokens tokens() {
    return tokens;
  }

  AgentCommands commands() {
    return commands;
  }

  CommandDispatch dispatch() {
    return dispatch;
  }

  /** The account a valid token names: it must still exist under the same username and id. */
  Future<AgentAccount> accountFor(Claims claims) {
    Future<Optional<AgentAccount>> found;
    try {
      found = accounts.byUsername(claims.username());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (found == null) {
      return Future.failedFuture(new IllegalStateException("AgentAccounts.byUsername returned null"));
    }
    return found.compose(account -> account.filter(a -> a.id().equals(claims.agentId()))
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new TokenRejected("unknown agent"))));
  }

  /**
   * Makes {@code socket} its agent's live socket. An older socket of the same agent is replaced first (its
   * {@code disconnected} is called, then it closes with 4409), so call control never sees two at once.
   */
  Future<Void> register(AgentSocket socket) {
    AgentSocket previous = byAgent.put(socket.agent().id(), socket);
    if (previous == null || previous == socket) {
      return Future.succeededFuture();
    }
    return previous.replace();
  }

  void unregister(AgentSocket socket) {
    sockets.remove(socket);
    if (socket.agent() != null) {
      byAgent.remove(socket.agent().id(), socket);
    }
  }
}
