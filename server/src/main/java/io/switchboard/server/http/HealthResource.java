package io.switchboard.server.http;

import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.server.store.Store;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: 200 {@code {"status":"UP",...}} while the store answers, 503 with status DOWN otherwise, so a
 * load balancer or container runtime can tell a node that lost its database.
 */
final class HealthResource {

  // Shorter than any sensible probe interval: a hung database must not hang the probe too.
  private static final long PING_TIMEOUT_SECONDS = 3;

  private final Store store;
  private final WebRtcEndpoint endpoint;

  HealthResource(Store store, WebRtcEndpoint endpoint) {
    this.store = store;
    this.endpoint = endpoint;
  }

  void handle(RoutingContext ctx) {
    store.ping().timeout(PING_TIMEOUT_SECONDS, TimeUnit.SECONDS).onComplete(ping -> {
      String state = ping.succeeded() ? "UP" : "DOWN";
      JsonObject body = new JsonObject()
          .put("status", state)
          .put("store", state)
          .put("webrtc", new JsonObject()
              .put("port", endpoint.localPort())
              .put("sessions", endpoint.sessionCount()));
      ctx.response()
          .setStatusCode(ping.succeeded() ? 200 : 503)
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .end(body.encode());
    });
  }
}
