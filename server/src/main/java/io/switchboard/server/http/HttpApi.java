package io.switchboard.server.http;

import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.server.store.Store;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.function.Consumer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

/** Every HTTP route of the server, in one readable block. */
public final class HttpApi {

  /** Largest request body accepted under /api; an SDP offer is a few KiB. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  /** The classpath folder the web-client jar puts the browser apps in. */
  public static final String WEBROOT = "webroot";
  /** Where WebJars put their files on the classpath. */
  static final String WEBJARS = "META-INF/resources/webjars";

  private HttpApi() {
  }

  public static Router router(Vertx vertx, Store store, WebRtcEndpoint endpoint, Consumer<Router> extraRoutes) {
    Router router = Router.router(vertx);
    // Other modules' routes first (POST /api/login, GET /ws/agent, the echo test): they bring their own body limits.
    extraRoutes.accept(router);
    HealthResource health = new HealthResource(store, endpoint);

    router.get("/health").handler(health::handle);

    // No uploads folder: nothing under /api takes files, and a stray multipart body must not land on disk.
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.route("/api/*").handler(ctx -> JsonError.send(ctx, 404, "no such resource: " + ctx.request().method()
        + " " + ctx.request().path()));
    router.route("/api/*").failureHandler(HttpApi::apiFailure);

    // Browser libraries from Maven Central's WebJars (the reports' charts): /webjars/chart.js/4.5.1/dist/...
    router.route("/webjars/*").handler(StaticHandler.create(WEBJARS));
    router.route().handler(StaticHandler.create(WEBROOT));
    return router;
  }

  private static void apiFailure(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    String message = switch (status) {
      case 413 -> "request body larger than " + MAX_BODY_BYTES + " bytes";
      case 500 -> "internal error";
      default -> "request failed";
    };
    JsonError.send(ctx, status, message);
  }
}
