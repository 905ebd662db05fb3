package io.switchboard.server.api;

import io.switchboard.server.webcall.IceServers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code GET /api/ice-servers}: the ICE servers the agent desktop gives its RTCPeerConnection (docs/api.md), with
 * TURN credentials of its own (coturn REST API, named after the agent) so an agent behind a strict NAT still gets
 * media through. Website callers get theirs with their call token.
 */
public final class IceServersApi {
  static final String PATH = "/api/ice-servers";

  private final IceServers servers;
  private final ApiAuth auth;

  private IceServersApi(IceServers servers, Authenticator authenticator) {
    this.servers = Objects.requireNonNull(servers, "servers");
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
  }

  public static IceServersApi create(IceServers servers, Authenticator authenticator) {
    return new IceServersApi(servers, authenticator);
  }

  public void mount(Router router) {
    router.get(PATH).handler(ctx -> ApiAction.answer(ctx, auth, ApiAuth.ANY_ROLE, caller -> Future.succeededFuture(
        new JsonObject().put("iceServers", servers.forUser(caller.username(), Instant.now())))));
  }
}
