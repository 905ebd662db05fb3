package io.switchboard.server.http;

import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.server.config.HttpConfig;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The HTTP server on its own event loop. Undeploying it stops accepting and lets in-flight requests finish. */
public final class HttpVerticle extends VerticleBase {

  private final HttpConfig config;
  private final Store store;
  private final WebRtcEndpoint endpoint;
  private final Duration shutdownGrace;
  private HttpServer server;

  public HttpVerticle(HttpConfig config, Store store, WebRtcEndpoint endpoint, Duration shutdownGrace) {
    this.config = config;
    this.store = store;
    this.endpoint = endpoint;
    this.shutdownGrace = shutdownGrace;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
        .requestHandler(HttpApi.router(vertx, store, endpoint))
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
