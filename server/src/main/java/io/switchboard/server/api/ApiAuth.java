package io.switchboard.server.api;

import io.switchboard.signaling.AgentAccount;
import io.switchboard.signaling.SignalingException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * Who is asking: the {@code Authorization: Bearer <token>} header (RFC 6750 §2.1) of the login token, checked by
 * signaling and re-read from the accounts; then whether one of their roles may use the endpoint.
 */
final class ApiAuth {

  /** Everyone who logs in: each then sees what their role allows. */
  static final List<String> ANY_ROLE = AgentAccount.ROLES;
  static final List<String> ADMIN_ONLY = List.of(AgentAccount.ADMIN);

  private static final String BEARER = "bearer ";

  private final Authenticator authenticator;

  ApiAuth(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  /**
   * The caller's account, or a failed future: 401 without a usable token, 403 when none of their roles is in
   * {@code allowed}.
   */
  Future<AgentAccount> caller(RoutingContext ctx, List<String> allowed) {
    List<String> headers = ctx.request().headers().getAll("Authorization");
    if (headers.isEmpty()) {
      return Future.failedFuture(ApiProblem.unauthorized("missing Authorization: Bearer <token>"));
    }
    String header = headers.get(0);
    if (headers.size() > 1 || header.length() <= BEARER.length()
        || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return Future.failedFuture(ApiProblem.unauthorized("Authorization must be one Bearer token"));
    }
    String token = header.substring(BEARER.length()).trim();
    Future<AgentAccount> account;
    try {
      account = authenticator.authenticate(token);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return account.recover(e -> Future.failedFuture(e instanceof SignalingException s && "auth_failed".equals(s.code())
            ? ApiProblem.unauthorized(s.getMessage()) : e))
        .compose(caller -> caller.hasAnyRole(allowed) ? Future.succeededFuture(caller)
            : Future.failedFuture(ApiProblem.forbidden("this needs one of the roles " + allowed)));
  }

  /** Agents only see the calls they took; supervisors and admins see all. */
  static boolean seesAllCalls(AgentAccount caller) {
    return caller.hasRole(AgentAccount.SUPERVISOR) || caller.hasRole(AgentAccount.ADMIN);
  }
}
