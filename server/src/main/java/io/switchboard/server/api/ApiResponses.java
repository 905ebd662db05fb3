package io.switchboard.server.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/** How the history API answers: JSON bodies, errors as {@code {"error": "…"}} like the rest of /api. */
final class ApiResponses {

  private static final Logger LOG = Logger.getLogger(ApiResponses.class.getName());

  private ApiResponses() {
  }

  static void json(RoutingContext ctx, JsonObject body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(200)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  /** 201 Created (RFC 9110 §15.3.2) with the new resource's address and its representation. */
  static void created(RoutingContext ctx, String location, JsonObject body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(201)
        .putHeader("Location", location)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  /** Answers a failure: an {@link ApiProblem} with its status and message, anything else 500 (logged). */
  static void fail(RoutingContext ctx, Throwable failure) {
    int status;
    String message;
    if (failure instanceof ApiProblem problem) {
      status = problem.status();
      message = problem.getMessage();
    } else {
      String ref = String.format("%08x", ThreadLocalRandom.current().nextInt());
      LOG.log(Level.WARNING, ctx.request().method() + " " + ctx.request().path() + " failed, ref " + ref, failure);
      status = 500;
      message = "internal error (ref " + ref + ")";
    }
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // Half a body is out (a CSV export, a recording): all we can do is cut the connection so it is not taken as whole.
      response.reset();
      return;
    }
    if (status == 401) {
      // RFC 6750 §3: tell the client which scheme to use.
      response.putHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
    }
    response.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("error", message).encode());
  }
}
