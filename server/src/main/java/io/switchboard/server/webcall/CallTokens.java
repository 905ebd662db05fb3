package io.switchboard.server.webcall;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.util.List;

/**
 * Call tokens: a page that embeds the widget gets one when it loads, and presents it to place a call. HS256 JWTs
 * (RFC 7519) with {@code aud} = {@value #AUDIENCE} (so an agent's login token, signed with the same key, is not a
 * call token and a call token is not a login), {@code entry} and {@code origin} (the token works only for the entry
 * point and page origin it was issued to), and a short {@code exp}. They prove the caller loaded an allowed page
 * recently; rate limits and the cap do the rest.
 */
final class CallTokens {
  static final String ISSUER = "switchboard";
  static final String AUDIENCE = "switchboard-web-call";
  private static final String ALGORITHM = "HS256";

  /** What a valid token says. */
  record Claims(String entry, String origin) {
  }

  /** A token refused; {@code code} is the error code the page shows (docs/protocol.md). */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final WebCallError code;

    Refused(WebCallError code) {
      super(code.code(), null, false, false);
      this.code = code;
    }
  }

  private final JWTAuth jwt;
  private final int lifetimeSeconds;

  CallTokens(Vertx vertx, byte[] secret, Duration lifetime) {
    this.lifetimeSeconds = Math.toIntExact(lifetime.toSeconds());
    // Expiry is checked here rather than by the provider, so that "expired" can be told apart from "forged".
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(Buffer.buffer(secret)))
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setAudience(List.of(AUDIENCE)).setLeeway(0)
            .setIgnoreExpiration(true)));
  }

  int lifetimeSeconds() {
    return lifetimeSeconds;
  }

  String issue(String entry, String origin) {
    return jwt.generateToken(new JsonObject().put("entry", entry).put("origin", origin),
        new JWTOptions().setAlgorithm(ALGORITHM).setIssuer(ISSUER).setAudience(List.of(AUDIENCE))
            .setExpiresInSeconds(lifetimeSeconds));
  }

  /** The claims of a valid, unexpired token; fails with {@link Refused} otherwise. */
  Future<Claims> verify(String token, long nowMillis) {
    Future<io.vertx.ext.auth.User> user;
    try {
      user = jwt.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      return Future.failedFuture(new Refused(WebCallError.TOKEN_INVALID));
    }
    return user.transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(new Refused(WebCallError.TOKEN_INVALID));
      }
      JsonObject payload = ar.result().attributes().getJsonObject("accessToken", new JsonObject());
      Object exp = payload.getValue("exp");
      Object entry = payload.getValue("entry");
      Object origin = payload.getValue("origin");
      if (!(exp instanceof Number) || !(entry instanceof String) || !(origin instanceof String)) {
        return Future.failedFuture(new Refused(WebCallError.TOKEN_INVALID));
      }
      // RFC 7519 §4.1.4: refused on or after exp.
      if (nowMillis / 1000 >= ((Number) exp).longValue()) {
        return Future.failedFuture(new Refused(WebCallError.TOKEN_EXPIRED));
      }
      return Future.succeededFuture(new Claims((String) entry, (String) origin));
    });
  }
}
