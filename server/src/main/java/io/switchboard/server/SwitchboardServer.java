package io.switchboard.server;

import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.server.config.Config;
import io.switchboard.server.http.HttpVerticle;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.logging.Logger;

/**
 * The running server. Starts, in dependency order, the store, the WebRTC media endpoint and the HTTP server, and
 * stops them in reverse: first no new HTTP requests, then no media, then the store (whose embedded database flushes
 * its file last). A start that fails half-way closes what it had started.
 */
public final class SwitchboardServer {

  private static final Logger LOG = Logger.getLogger(SwitchboardServer.class.getName());

  private final Vertx vertx;
  private final Store store;
  private final WebRtcEndpoint endpoint;
  private final HttpVerticle http;
  private final String httpDeploymentId;
  private Future<Void> stopped;

  private SwitchboardServer(Vertx vertx, Store store, WebRtcEndpoint endpoint, HttpVerticle http,
      String httpDeploymentId) {
    this.vertx = vertx;
    this.store = store;
    this.endpoint = endpoint;
    this.http = http;
    this.httpDeploymentId = httpDeploymentId;
  }

  /**
   * Starts a server. Fails with a one-line message naming the part and setting at fault (a taken port, an
   * unreachable database), having closed whatever had already started.
   */
  public static Future<SwitchboardServer> start(Vertx vertx, Config config) {
    return start(vertx, config, MediaStarter.REAL);
  }

  static Future<SwitchboardServer> start(Vertx vertx, Config config, MediaStarter media) {
    return Store.open(vertx, config.mongo(), config.dataDir())
        .compose(store -> startMedia(vertx, config, media)
            .recover(e -> store.close().transform(closed -> Future.failedFuture(e)))
            .compose(endpoint -> startHttp(vertx, config, store, endpoint)
                .recover(e -> endpoint.close().eventually(store::close).transform(closed -> Future.failedFuture(e)))));
  }

  private static Future<WebRtcEndpoint> startMedia(Vertx vertx, Config config, MediaStarter media) {
    Future<WebRtcEndpoint> started;
    try {
      started = media.start(vertx, config.webRtc());
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    return started.recover(e -> Future.failedFuture(new IllegalStateException("WebRTC media cannot start on UDP "
        + config.webRtc().bindHost() + ":" + config.webRtc().port() + " (media.webrtc.port): " + e.getMessage(), e)));
  }

  private static Future<SwitchboardServer> startHttp(Vertx vertx, Config config, Store store,
      WebRtcEndpoint endpoint) {
    // Half the shutdown budget for in-flight requests; the rest is for media and the store.
    HttpVerticle http = new HttpVerticle(config.http(), store, endpoint, config.shutdownTimeout().dividedBy(2));
    return vertx.deployVerticle(http).map(id -> {
      SwitchboardServer server = new SwitchboardServer(vertx, store, endpoint, http, id);
      LOG.info(() -> "Switchboard started: HTTP on " + config.http().host() + ":" + server.httpPort()
          + ", WebRTC on UDP " + server.webRtcPort() + ", data in " + store.description());
      return server;
    });
  }

  /** The TCP port the HTTP server is bound to. */
  public int httpPort() {
    return http.actualPort();
  }

  /** The UDP port the WebRTC media endpoint is bound to. */
  public int webRtcPort() {
    return endpoint.localPort();
  }

  /** The store, for the parts of the server built on it (and for tests). */
  public Store store() {
    return store;
  }

  /**
   * Stops gracefully: stops accepting HTTP and lets in-flight requests finish, closes every media session and the
   * socket, then closes the store. Each step runs even if the one before failed. Idempotent: every call returns the
   * same future.
   */
  public synchronized Future<Void> stop() {
    if (stopped == null) {
      stopped = vertx.undeploy(httpDeploymentId)
          .eventually(endpoint::close)
          .eventually(store::close)
          .onFailure(e -> LOG.warning("Switchboard stopped with an error: " + e))
          .mapEmpty();
    }
    return stopped;
  }
}
