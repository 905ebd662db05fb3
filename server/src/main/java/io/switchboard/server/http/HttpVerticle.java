package io.switchboard.server.http;

import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.server.config.HttpConfig;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.function.Consumer;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/** The HTTP server on its own event loop. Undeploying it stops accepting and lets in-flight requests finish. */
public final class HttpVerticle extends VerticleBase {

  private final HttpConfig config;
  private final Store store;
  private final WebRtcEndpoint endpoint;
  private final Consumer<Router> extraRoutes;
  private final Duration shutdownGrace;
  private HttpServer server;

  /**
   * @param extraRoutes routes owned by other modules (the agents' login and socket), mounted before the static files
   */
  public HttpVerticle(HttpConfig config, Store store, WebRtcEndpoint endpoint, Consumer<Router> extraRoutes,
      Duration shutdownGrace) {
    this.config = config;
    this.store = store;
    this.endpoint = endpoint;
    this.extraRoutes = extraRoutes;
    this.shutdownGrace = shutdownGrace;
  }

  @Override
  public Future<?> start() {
    // WebSocket frames and messages are capped where they are read, not only by the agent protocol's own check.
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
        .setMaxWebSocketFrameSize(HttpApi.MAX_BODY_BYTES).setMaxWebSocketMessageSize(HttpApi.MAX_BODY_BYTES);
    return vertx.createHttpServer(options)
        .requestHandler(HttpApi.router(vertx, store, endpoint, extraRoutes))
        .listen()
        .onSuccess(listening -> server = listening)
        .recover(e -> Future.failedFuture(new IllegalStateException("HTTP cannot listen on " + config.host() + ":"
            + config.port() + " (http.port): " + e.getMessage(), e)));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The TCP port actually bound (the configured one, or the one picked when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
