package io.switchboard.server.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A well-formed request whose fields the data refuses, each problem with the field's path (the admin console shows it
 * under that field): answered 422 {@code {"error", "details": [{kind, id, path, message}]}}. Collect every problem,
 * then {@link #throwIfAny()}, so the admin fixes them all in one go.
 */
final class FieldProblems extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;
  private final transient List<JsonObject> details = new ArrayList<>();

  FieldProblems(String kind, String id) {
    super("the " + kind + " was refused; nothing was changed", null, false, false);
    this.kind = kind;
    this.id = id;
  }

  FieldProblems add(String path, String message) {
    details.add(new JsonObject().put("kind", kind).put("id", id).put("path", path).put("message", message)
        .put("text", kind + " " + id + ": " + path + ": " + message));
    return this;
  }

  boolean isEmpty() {
    return details.isEmpty();
  }

  void throwIfAny() {
    if (!details.isEmpty()) {
      throw this;
    }
  }

  /** Answers the 422. */
  void send(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(422).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("error", getMessage()).put("details", new JsonArray(new ArrayList<>(details)))
            .encode());
  }
}
