package io.switchboard.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The demo shop: one page of a pretend web shop that embeds the click-to-call widget, served by a listener of its
 * own so that it is another origin than the server's pages, as a customer's website is. The page loads
 * {@code widget.js} from the server (its address filled in when served: the server's port is known only once it
 * listens). Runs with demo data only.
 */
final class DemoShop {
  static final String PAGE = "webroot/demo-shop.html";
  private static final String SERVER_PLACEHOLDER = "{{SERVER}}";

  private final HttpServer server;

  private DemoShop(HttpServer server) {
    this.server = server;
  }

  /** Listens on {@code port} (0: a free one); {@code serverPort} is the main HTTP port, read per request. */
  static Future<DemoShop> start(Vertx vertx, String host, int port, IntSupplier serverPort) {
    String template;
    try (InputStream in = DemoShop.class.getClassLoader().getResourceAsStream(PAGE)) {
      if (in == null) {
        return Future.failedFuture(PAGE + " is missing from the web-client jar");
      }
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    HttpServer server = vertx.createHttpServer().requestHandler(request -> {
      String path = request.path();
      if (!path.equals("/") && !path.equals("/demo-shop.html")) {
        request.response().setStatusCode(404).end("not found");
        return;
      }
      request.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .end(template.replace(SERVER_PLACEHOLDER, "http://localhost:" + serverPort.getAsInt()));
    });
    return server.listen(port, host).map(DemoShop::new)
        .recover(e -> Future.failedFuture(new IllegalStateException("the demo shop cannot listen on " + host + ":"
            + port + " (demo.shop-port): " + e.getMessage(), e)));
  }

  int port() {
    return server.actualPort();
  }

  /** The page's origins as browsers send them (RFC 6454), for the demo entry point's allowed list. */
  List<String> origins() {
    return List.of("http://localhost:" + port(), "http://127.0.0.1:" + port());
  }

  Future<Void> close() {
    return server.close();
  }
}
