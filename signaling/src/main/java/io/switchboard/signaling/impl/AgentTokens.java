package io.switchboard.signaling.impl;

import io.switchboard.signaling.AgentAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.util.List;

/**
 * Login tokens: HS256 JWTs (RFC 7519) with {@code sub} = agent id, {@code username}, {@code roles}, {@code iat},
 * {@code exp}, {@code iss} = {@value #ISSUER} and {@code aud} = {@value #AUDIENCE} (so a token for another system with
 * the same key is not an agent token). {@code roles} is for the browser to show the right screens; the server decides
 * with the roles of the account as it is stored now, re-read on every authentication.
 */
final class AgentTokens {

  static final String ISSUER = "switchboard";
  static final String AUDIENCE = "switchboard-agent";
  static final String ALGORITHM = "HS256";

  /** What a valid token says. */
  record Claims(String agentId, String username) {
  }

  private final JWTAuth jwt;
  private final int lifetimeSeconds;

  AgentTokens(Vertx vertx, Buffer secret, Duration lifetime) {
    this.lifetimeSeconds = Math.toIntExact(lifetime.toSeconds());
    // Expiry is checked below rather than by the provider, so that "expired" can be told apart from "invalid".
    JWTOptions verifyOptions = new JWTOptions()
        .setIssuer(ISSUER)
        .setAudience(List.of(AUDIENCE))
        .setLeeway(0)
        .setIgnoreExpiration(true);
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(secret))
        .setJWTOptions(verifyOptions));
  }

  int lifetimeSeconds() {
    return lifetimeSeconds;
  }

  String issue(AgentAccount account) {
    return jwt.generateToken(
        new JsonObject().put("sub", account.id()).put("username", account.username())
            .put("roles", new JsonArray(account.roles())),
        new JWTOptions()
            .setAlgorithm(ALGORITHM)
            .setIssuer(ISSUER)
            .setAudience(List.of(AUDIENCE))
            .setExpiresInSeconds(lifetimeSeconds));
  }

  /** The claims of a valid, unexpired token; fails with a short reason fit for a close frame otherwise. */
  Future<Claims> verify(String token, long nowMillis) {
    Future<io.vertx.ext.auth.User> user;
    try {
      user = jwt.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      return Future.failedFuture(new TokenRejected("invalid token"));
    }
    return user.<Claims>transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(new TokenRejected("invalid token"));
      }
      JsonObject payload = ar.result().attributes().getJsonObject("accessToken", new JsonObject());
      Object exp = payload.getValue("exp");
      Object sub = payload.getValue("sub");
      Object username = payload.getValue("username");
      if (!(exp instanceof Number) || !(sub instanceof String) || !(username instanceof String)) {
        return Future.failedFuture(new TokenRejected("invalid token"));
      }
      // RFC 7519 §4.1.4: reject on or after exp.
      if (nowMillis / 1000 >= ((Number) exp).longValue()) {
        return Future.failedFuture(new TokenRejected("token expired"));
      }
      return Future.succeededFuture(new Claims((String) sub, (String) username));
    });
  }

  /** A token that does not authenticate; the message is safe to show. */
  static final class TokenRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TokenRejected(String message) {
      super(message, null, false, false);
    }
  }
}
