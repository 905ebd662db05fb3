package io.switchboard.e2e.widget;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A client of {@code /ws/web-call} that is not a browser: it sets any {@code Origin} header and local address it
 * likes, which is exactly what the token and the limits are there for.
 */
final class WebCallClient {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private WebCallClient() {
  }

  /** {@code GET /api/web-call/token?entry=} as a page of {@code origin}: status and body. */
  static HttpResponse<String> token(int httpPort, String entry, String origin) throws IOException,
      InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
            + "/api/web-call/token?entry=" + entry)).header("Origin", origin).timeout(Duration.ofSeconds(10))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Opens the socket from {@code localAddress} with {@code origin}, sends {@code call}, and returns the reply. */
  static Future<JsonObject> firstReply(Vertx vertx, int httpPort, String origin, String localAddress,
      JsonObject call) {
    Promise<JsonObject> reply = Promise.promise();
    var client = vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(localAddress));
    client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(httpPort).setURI("/ws/web-call")
            .addHeader("Origin", origin))
        .onFailure(reply::tryFail)
        .onSuccess(ws -> {
          ws.textMessageHandler(text -> {
            reply.tryComplete(new JsonObject(text));
            ws.close();
          });
          ws.closeHandler(v -> reply.tryFail("closed without a reply"));
          ws.writeTextMessage(call.encode());
        });
    return reply.future().eventually(() -> client.close());
  }

  /** A call request with a valid shape; the SDP is not an offer a browser would make. */
  static JsonObject call(String token) {
    return new JsonObject().put("type", "call").put("entry", "shop").put("token", token)
        .put("sdp", "v=0\r\n").put("page", "http://localhost/not-a-browser");
  }
}
