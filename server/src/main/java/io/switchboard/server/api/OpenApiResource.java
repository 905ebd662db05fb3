package io.switchboard.server.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.yaml}: the OpenAPI 3.1 contract of the history API, written by hand next to the code
 * ({@value #RESOURCE} on the classpath). Public, like any API description; read once, off the event loop.
 */
final class OpenApiResource {

  static final String PATH = "/api/openapi.yaml";
  static final String RESOURCE = "openapi/switchboard.yaml";

  private final Vertx vertx;
  private Future<Buffer> document;

  OpenApiResource(Vertx vertx) {
    this.vertx = vertx;
  }

  void handle(RoutingContext ctx) {
    document().onSuccess(yaml -> ctx.response()
            .putHeader("Content-Type", "application/yaml; charset=utf-8")
            .putHeader("Cache-Control", "no-cache")
            .end(yaml))
        .onFailure(e -> ApiResponses.fail(ctx, e));
  }

  private synchronized Future<Buffer> document() {
    if (document == null) {
      document = vertx.executeBlocking(() -> {
        try (InputStream in = OpenApiResource.class.getClassLoader().getResourceAsStream(RESOURCE)) {
          if (in == null) {
            throw new IllegalStateException(RESOURCE + " is not on the classpath");
          }
          return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return document;
  }
}
