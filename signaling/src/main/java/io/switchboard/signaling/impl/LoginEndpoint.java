package io.switchboard.signaling.impl;

import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.AgentAccounts;
import io.switchboard.signaling.Passwords;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /api/login} (docs/protocol.md, "Login"). Answers 200 with a token, 400 for a malformed request, 401 with
 * one message for an unknown user and a wrong password, 429 past the per-address limit or while the address or
 * username is locked out after repeated wrong passwords (LoginLockouts), 500 if the account store
 * fails. Error bodies are {@code {"code": …, "message": …}} with the WebSocket error codes.
 */
final class LoginEndpoint implements Handler<RoutingContext> {

  static final int MAX_BODY_BYTES = 4096;
  static final int MAX_USERNAME_CHARS = 64;
  static final int MAX_PASSWORD_CHARS = 1024;
  static final String WRONG_CREDENTIALS = "wrong username or password";

  private static final Logger LOG = Logger.getLogger(LoginEndpoint.class.getName());

  /**
   * A bcrypt hash (cost 10, like the real ones) of a random string nobody knows. Unknown usernames are verified
   * against it, so they take as long as a wrong password and the answer time does not reveal which names exist.
   */
  private static final String UNKNOWN_USER_HASH = "$2a$10$JAMWPYKqgeycC7z3dLifFeNAYo6FcPn/aq5sU1AB4680wqMiZ4Nhi";

  private final AgentAccounts accounts;
  private final AgentTokens tokens;
  private final LoginRateLimiter limiter;
  private final LoginLockouts lockouts;
  private final WorkerExecutor bcryptWorkers;
  private final java.util.function.BooleanSupplier closed;

  LoginEndpoint(AgentAccounts accounts, AgentTokens tokens, LoginRateLimiter limiter, LoginLockouts lockouts,
                WorkerExecutor bcryptWorkers, java.util.function.BooleanSupplier closed) {
    this.lockouts = lockouts;
    this.accounts = accounts;
    this.tokens = tokens;
    this.limiter = limiter;
    this.bcryptWorkers = bcryptWorkers;
    this.closed = closed;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (closed.getAsBoolean()) {
      reply(ctx, 503, "internal", "server is stopping");
      return;
    }
    long retryAfter = limiter.tryAttempt(remoteIp(ctx), System.nanoTime());
    if (retryAfter > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(retryAfter));
      reply(ctx, 429, "rate_limited", "too many login attempts, try again in " + retryAfter + " s");
      return;
    }
    Credentials credentials;
    try {
      credentials = parse(ctx);
    } catch (BadRequest e) {
      reply(ctx, 400, e.code, e.getMessage());
      return;
    }
    String address = remoteIp(ctx);
    long now = System.nanoTime();
    // Before bcrypt: a locked-out guesser costs no hashing, and even the right password waits out the lockout.
    long addressLocked = lockouts.addressLockedFor(address, now);
    if (addressLocked > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(addressLocked));
      reply(ctx, 429, "rate_limited", "too many failed logins from this address, try again in " + addressLocked
          + " s");
      return;
    }
    long accountLocked = lockouts.accountLockedFor(credentials.username, now);
    if (accountLocked > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(accountLocked));
      reply(ctx, 429, "rate_limited", "too many failed logins for this username, try again in " + accountLocked
          + " s; ask a supervisor if you forgot your password");
      return;
    }
    lookUp(credentials.username)
        .compose(account -> bcryptWorkers.executeBlocking(() -> {
          boolean matches = Passwords.verify(credentials.password, account.map(AgentAccount::passwordHash)
              .orElse(UNKNOWN_USER_HASH));
          return matches ? account : Optional.<AgentAccount>empty();
        }, false))
        .onSuccess(verified -> {
          if (verified.isEmpty()) {
            lockouts.failed(address, credentials.username, System.nanoTime());
            reply(ctx, 401, "auth_failed", WRONG_CREDENTIALS);
            return;
          }
          lockouts.succeeded(address, credentials.username);
          AgentAccount agent = verified.get();
          JsonObject body = new JsonObject()
              .put("token", tokens.issue(agent))
              .put("agent", new JsonObject().put("id", agent.id()).put("username", agent.username())
                  .put("name", agent.name()).put("roles", new JsonArray(agent.roles())))
              .put("expiresInSeconds", tokens.lifetimeSeconds());
          send(ctx, 200, body);
        })
        .onFailure(e -> {
          // Never log the request body: it holds the password.
          LOG.log(Level.WARNING, "login failed internally for username " + quoted(credentials.username), e);
          reply(ctx, 500, "internal", "login is unavailable, try again later");
        });
  }

  /** Route failure handler: the body handler fails with 413 when the body passes {@link #MAX_BODY_BYTES}. */
  static void handleFailure(RoutingContext ctx) {
    if (ctx.statusCode() == 413) {
      reply(ctx, 400, "invalid_field", "request body larger than " + MAX_BODY_BYTES + " bytes");
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      reply(ctx, ctx.statusCode(), "invalid_field", "bad request");
    } else {
      LOG.log(Level.WARNING, "login route failed", ctx.failure());
      reply(ctx, 500, "internal", "login is unavailable, try again later");
    }
  }

  private Future<Optional<AgentAccount>> lookUp(String username) {
    try {
      Future<Optional<AgentAccount>> account = accounts.byUsername(username);
      return account == null ? Future.failedFuture("AgentAccounts.byUsername returned null") : account;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private record Credentials(String username, String password) {
  }

  private static Credentials parse(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    // Requiring JSON also means a cross-site HTML form cannot post here without a CORS preflight.
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new BadRequest("invalid_field", "Content-Type must be application/json");
    }
    Buffer raw = ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      throw new BadRequest("bad_json", "request body is empty");
    }
    JsonObject json;
    try {
      json = new JsonObject(raw);
    } catch (DecodeException | ClassCastException e) {
      throw new BadRequest("bad_json", "request body is not a JSON object");
    }
    for (String field : json.fieldNames()) {
      if (!field.equals("username") && !field.equals("password")) {
        throw new BadRequest("invalid_field", "unexpected field " + quoted(field));
      }
    }
    String username = requiredString(json, "username", MAX_USERNAME_CHARS);
    String password = requiredString(json, "password", MAX_PASSWORD_CHARS);
    return new Credentials(username, password);
  }

  private static String requiredString(JsonObject json, String field, int maxChars) {
    Object value = json.getValue(field);
    if (value == null) {
      throw new BadRequest("invalid_field", field + " is required");
    }
    if (!(value instanceof String s)) {
      throw new BadRequest("invalid_field", field + " must be a string");
    }
    if (s.isEmpty() || s.length() > maxChars) {
      throw new BadRequest("invalid_field", field + " must be 1 to " + maxChars + " characters");
    }
    return s;
  }

  private static String remoteIp(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    return remote == null || remote.host() == null ? "unknown" : remote.host();
  }

  private static void reply(RoutingContext ctx, int status, String code, String message) {
    send(ctx, status, new JsonObject().put("code", code).put("message", message));
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  /** Usernames come from the network: quote them and cut them so they cannot forge log lines. */
  static String quoted(String untrusted) {
    String cut = untrusted.length() > 64 ? untrusted.substring(0, 64) + "…" : untrusted;
    return '"' + cut.replaceAll("[\\p{Cntrl}\"\\\\]", "?") + '"';
  }

  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    BadRequest(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
