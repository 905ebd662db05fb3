package io.switchboard.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The agent desktop's side of the socket, driven from the test thread: send frames, await frames and the close. */
final class FakeAgent {

  static final int TIMEOUT_SECONDS = 5;

  private final WebSocket ws;
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private final Promise<Short> closed = Promise.promise();

  FakeAgent(WebSocket ws) {
    this.ws = ws;
    ws.textMessageHandler(text -> received.add(new JsonObject(text)));
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode()));
  }

  FakeAgent send(JsonObject frame) {
    return sendText(frame.encode());
  }

  FakeAgent sendText(String text) {
    await(ws.writeTextMessage(text));
    return this;
  }

  FakeAgent sendBinary(Buffer data) {
    await(ws.writeBinaryMessage(data));
    return this;
  }

  FakeAgent sendFrame(WebSocketFrame frame) {
    await(ws.writeFrame(frame));
    return this;
  }

  FakeAgent auth(String token) {
    return send(new JsonObject().put("type", "auth").put("token", token));
  }

  /** The next frame from the server. */
  JsonObject next() {
    try {
      JsonObject frame = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (frame == null) {
        fail("no frame from the server within " + TIMEOUT_SECONDS + " s");
      }
      return frame;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next frame, which must be of {@code type}. */
  JsonObject next(String type) {
    JsonObject frame = next();
    assertThat(frame.getString("type")).as("type of %s", frame).isEqualTo(type);
    return frame;
  }

  /** The socket answers a ping, so it is still open and still in order. */
  void assertAlive() {
    send(new JsonObject().put("type", "ping").put("id", "alive?"));
    next("pong");
    assertThat(next("ack").getString("id")).isEqualTo("alive?");
  }

  /** The close code the server closed with. */
  int awaitClose() {
    return await(closed.future());
  }

  String closeReason() {
    return ws.closeReason();
  }

  boolean isClosed() {
    return ws.isClosed();
  }

  void close() {
    await(ws.close());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("not done within " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
