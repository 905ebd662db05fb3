package io.switchboard.e2e.calls;

import io.switchboard.media.testpeer.WebRtcTestPeer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent in plain Java speaking the real protocol (docs/protocol.md): logs in over HTTP, opens the agent socket,
 * sets up the shift-long media session with the WebRTC test peer, and answers calls. The synthetic agent of tests
 * and of the load harness.
 */
public final class JavaAgent implements AutoCloseable {
  private final Vertx vertx;
  private final int httpPort;
  private final WebRtcTestPeer media = WebRtcTestPeer.create();
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new ArrayList<>();
  /** Frames that arrived while waiting for something else, kept for the next {@link #await}. */
  private final List<JsonObject> backlog = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private WebSocketClient client;
  private WebSocket socket;

  public JavaAgent(Vertx vertx, int httpPort) {
    this.vertx = vertx;
    this.httpPort = httpPort;
  }

  public WebRtcTestPeer media() {
    return media;
  }

  /** Logs in, authenticates the socket, connects media; returns the welcome frame. */
  public JsonObject login(String username, String password) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/api/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", username)
            .put("password", password).encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("login failed: " + response.statusCode() + " " + response.body());
    }
    String token = new JsonObject(response.body()).getString("token");
    client = vertx.createWebSocketClient();
    socket = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(httpPort)
            .setURI("/ws/agent"))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    send(new JsonObject().put("type", "auth").put("token", token));
    JsonObject welcome = await("welcome", Duration.ofSeconds(10));
    send(new JsonObject().put("type", "media.offer").put("sdp", media.createOffer()));
    JsonObject answer = await("media.answer", Duration.ofSeconds(10));
    // ICE and DTLS on a loaded machine (the two-node test runs three JVMs and Kamailio): 30 s, not 10.
    media.connect(answer.getString("sdp")).get(30, TimeUnit.SECONDS);
    return welcome;
  }

  /** Sends a frame with a fresh id and waits for its ack (fails on an error frame). */
  public void command(JsonObject frame) throws Exception {
    String id = "j" + ids.incrementAndGet();
    send(frame.copy().put("id", id));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonObject ack = next(deadline);
      if (id.equals(ack.getString("id"))) {
        if (ack.getString("type").equals("error")) {
          throw new AssertionError("refused: " + ack.encode());
        }
        return;
      }
      backlog.add(ack);
    }
  }

  public void ready() throws Exception {
    command(new JsonObject().put("type", "state.set").put("state", "ready"));
  }

  /** Waits for the next frame of this type (earlier frames of other types are kept in {@link #seen()}). */
  public JsonObject await(String type, Duration timeout) throws Exception {
    for (JsonObject frame : backlog) {
      if (type.equals(frame.getString("type"))) {
        backlog.remove(frame);
        return frame;
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonObject frame = next(deadline);
      if (type.equals(frame.getString("type"))) {
        return frame;
      }
    }
  }

  /**
   * Waits for a {@code state} frame with this state. States come in order: the state frames kept before the one
   * that matches are passed over and dropped, so an old "ready" never answers a wait for the next one.
   */
  public JsonObject awaitState(String state, Duration timeout) throws Exception {
    for (JsonObject frame : List.copyOf(backlog)) {
      if ("state".equals(frame.getString("type"))) {
        backlog.remove(frame);
        if (state.equals(frame.getString("state"))) {
          return frame;
        }
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonObject frame = next(deadline);
      if ("state".equals(frame.getString("type")) && state.equals(frame.getString("state"))) {
        return frame;
      }
    }
  }

  private JsonObject next(long deadlineNanos) throws Exception {
    JsonObject frame = frames.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    if (frame == null) {
      throw new AssertionError("timed out waiting; frames so far: " + seen);
    }
    seen.add(frame);
    return frame;
  }

  public List<JsonObject> seen() {
    return seen;
  }

  private void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode());
  }

  @Override
  public void close() {
    media.close();
    if (socket != null) {
      socket.close();
    }
    if (client != null) {
      client.close();
    }
  }
}
