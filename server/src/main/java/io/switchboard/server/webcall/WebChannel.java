package io.switchboard.server.webcall;

import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.routing.flow.WebEntryPoint;
import io.switchboard.server.calls.CallCenter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The website widget's channel (docs/protocol.md, "Web call"): the call token a page gets when it loads
 * ({@code GET /api/web-call/token}), the page's call socket ({@code /ws/web-call}), the limits every web call passes,
 * and the widget's files served to any origin (a module script from another origin is fetched with CORS).
 */
public final class WebChannel {
  public static final String TOKEN_PATH = "/api/web-call/token";
  public static final String SOCKET_PATH = "/ws/web-call";
  /** The page's {@code call} must come this soon after the socket opens. */
  static final long FIRST_MESSAGE_TIMEOUT_MS = 10_000;
  private static final long SWEEP_PERIOD_MS = 60_000;
  /** Files the widget loads into a page of another origin. */
  private static final List<String> WIDGET_FILES = List.of("/widget.js", "/widget/*", "/js/tone-detector.js",
      "/js/webrtc-audio.js", "/i18n/*");

  private static final Logger LOG = Logger.getLogger(WebChannel.class.getName());

  private final Vertx vertx;
  private final CallTokens tokens;
  private final WebCallLimits limits;
  private final IceServers iceServers;
  private final Function<String, Optional<WebEntryPoint>> entries;
  private final WebRtcEndpoint endpoint;
  private final CallCenter center;
  private final Set<WebCallSocket> sockets = ConcurrentHashMap.newKeySet();
  private final long sweepTimer;
  private volatile boolean closed;

  /**
   * @param secret  the server's token key (call tokens have an audience of their own, so they are not logins)
   * @param entries the web entry points of the routing configuration in force
   */
  public WebChannel(Vertx vertx, WebCallConfig config, byte[] secret,
      Function<String, Optional<WebEntryPoint>> entries, WebRtcEndpoint endpoint, CallCenter center) {
    this.vertx = vertx;
    this.tokens = new CallTokens(vertx, secret, config.tokenLifetime());
    this.limits = new WebCallLimits(config.callsPerIpPerMinute(), config.callsPerEntryPerMinute(),
        config.maxCalls());
    this.iceServers = new IceServers(config.ice());
    this.entries = entries;
    this.endpoint = endpoint;
    this.center = center;
    this.sweepTimer = vertx.setPeriodic(SWEEP_PERIOD_MS, t -> limits.sweep(System.nanoTime()));
  }

  public IceServers iceServers() {
    return iceServers;
  }

  public void mount(Router router) {
    for (String path : WIDGET_FILES) {
      router.get(path).handler(ctx -> {
        ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        ctx.next();
      });
    }
    router.get(TOKEN_PATH).handler(this::token);
    router.get(SOCKET_PATH).handler(this::upgrade);
  }

  /** Web calls up now. */
  public int activeCalls() {
    return limits.active();
  }

  /** Refuses new calls; calls up end with the call center. */
  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(sweepTimer);
    sockets.forEach(WebCallSocket::close);
    return Future.succeededFuture();
  }

  /**
   * {@code GET /api/web-call/token?entry=<name>}: a call token for a page of an allowed origin, with the ICE servers
   * its call will use. Answered with CORS headers for that origin only; a refusal says why in the same shape as the
   * socket's {@code error}, readable by the widget.
   */
  private void token(RoutingContext ctx) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (origin != null) {
      ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin).putHeader(HttpHeaders.VARY, "Origin");
    }
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    List<String> names = ctx.queryParam("entry");
    if (closed) {
      refuse(ctx, 503, WebCallError.UNAVAILABLE);
      return;
    }
    Optional<WebEntryPoint> entry = names.size() == 1 ? entry(names.get(0)) : Optional.empty();
    if (entry.isEmpty()) {
      refuse(ctx, 404, WebCallError.ENTRY_UNKNOWN);
      return;
    }
    if (!entry.get().allows(origin)) {
      refuse(ctx, 403, WebCallError.ORIGIN_NOT_ALLOWED);
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(new JsonObject()
        .put("token", tokens.issue(entry.get().name(), origin))
        .put("expiresInSeconds", tokens.lifetimeSeconds())
        .put("iceServers", iceServers.forUser("web", Instant.now())).encode());
  }

  private static void refuse(RoutingContext ctx, int status, WebCallError error) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("code", error.code()).put("message", error.message()).encode());
  }

  private void upgrade(RoutingContext ctx) {
    if (closed) {
      ctx.response().setStatusCode(503).end();
      return;
    }
    ctx.request().toWebSocket().onComplete(ar -> {
      if (ar.failed()) {
        LOG.log(Level.FINE, "web call socket upgrade failed: " + ar.cause());
        return;
      }
      WebCallSocket socket = new WebCallSocket(this, ar.result());
      sockets.add(socket);
      socket.start();
    });
  }

  // ---- for WebCallSocket

  Optional<WebEntryPoint> entry(String name) {
    return entries.apply(name);
  }

  Vertx vertx() {
    return vertx;
  }

  CallTokens tokens() {
    return tokens;
  }

  WebCallLimits limits() {
    return limits;
  }

  WebRtcEndpoint endpoint() {
    return endpoint;
  }

  CallCenter center() {
    return center;
  }

  void forget(WebCallSocket socket) {
    sockets.remove(socket);
  }
}
