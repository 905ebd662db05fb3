package io.switchboard.bench;

import io.switchboard.media.testpeer.PeerLoop;
import io.switchboard.media.testpeer.WebRtcTestPeer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One synthetic agent of the fleet, driven by events and owning no thread: it speaks the real agent protocol
 * (docs/protocol.md: HTTP login, the agent socket, the shift-long media session) with the WebRTC test peer on the
 * fleet's shared {@link PeerLoop}, goes Ready, answers every offer, sends 440 Hz (with send-time markers) while a
 * call lasts and checks that the caller's 1 kHz is heard. Frames are handled on the Vert.x context of its socket.
 */
final class BenchAgent implements AutoCloseable {
  static final double AGENT_TONE_HZ = 440;
  static final double CALLER_TONE_HZ = 1000;
  private static final double TONE_THRESHOLD = 0.7;
  private static final Duration TONE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

  private final String username;
  private final int httpPort;
  private final WebRtcTestPeer media;
  private final Map<String, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile WebSocket socket;

  private final AtomicInteger offers = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final AtomicInteger toneHeard = new AtomicInteger();
  private volatile long answeredAtNanos;
  private volatile long lastAnsweredAtNanos;
  private volatile long connectedNanos;
  private volatile double lowestToneLevel = 1;
  private volatile String failure;
  private volatile long sentAtReset;

  BenchAgent(PeerLoop loop, int httpPort, String username) {
    this.username = username;
    this.httpPort = httpPort;
    this.media = WebRtcTestPeer.create(loop).markingSendTimes();
  }

  /** Logs in, opens the agent socket, connects media and goes Ready; completes when Ready is acknowledged. */
  CompletableFuture<Void> start(HttpClient http, WebSocketClient sockets, String password) {
    HttpRequest login = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", username)
            .put("password", password).encode()))
        .build();
    return http.sendAsync(login, HttpResponse.BodyHandlers.ofString())
        .thenCompose(response -> {
          if (response.statusCode() != 200) {
            throw new IllegalStateException(username + " login failed: " + response.statusCode() + " "
                + response.body());
          }
          String token = new JsonObject(response.body()).getString("token");
          return sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(httpPort)
                  .setURI("/ws/agent")).toCompletionStage()
              .thenCompose(ws -> {
                socket = ws;
                ws.textMessageHandler(text -> onFrame(new JsonObject(text)));
                CompletableFuture<JsonObject> welcome = expect("welcome");
                ws.writeTextMessage(new JsonObject().put("type", "auth").put("token", token).encode());
                return welcome;
              });
        })
        .thenCompose(welcome -> {
          CompletableFuture<JsonObject> answer = expect("media.answer");
          send(new JsonObject().put("type", "media.offer").put("sdp", media.createOffer()));
          return answer;
        })
        .thenCompose(answer -> media.connect(answer.getString("sdp")))
        .thenCompose(connected -> command(new JsonObject().put("type", "state.set").put("state", "ready")))
        .thenApply(ack -> (Void) null)
        .orTimeout(REPLY_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
  }

  private void onFrame(JsonObject frame) {
    String type = frame.getString("type");
    switch (type) {
      case "ack", "error" -> {
        CompletableFuture<JsonObject> reply = replies.remove(frame.getString("id"));
        if (reply != null) {
          if (type.equals("error")) {
            reply.completeExceptionally(new IllegalStateException("refused: " + frame.encode()));
          } else {
            reply.complete(frame);
          }
        }
      }
      case "call.offer" -> answer(frame.getString("callId"));
      case "call.ended" -> {
        media.stopTone();
        connectedNanos += System.nanoTime() - lastAnsweredAtNanos;
        ended.incrementAndGet();
      }
      default -> {
        CompletableFuture<JsonObject> waiting = replies.remove(type);
        if (waiting != null) {
          waiting.complete(frame);
        }
      }
    }
  }

  private void answer(String callId) {
    offers.incrementAndGet();
    command(new JsonObject().put("type", "call.answer").put("callId", callId)).whenComplete((ack, error) -> {
      if (error != null) {
        failure = "answer of " + callId + ": " + error.getMessage();
        return;
      }
      long now = System.nanoTime();
      lastAnsweredAtNanos = now;
      answeredAtNanos = now;
      answered.incrementAndGet();
      media.startTone(AGENT_TONE_HZ);
      media.awaitTone(CALLER_TONE_HZ, TONE_THRESHOLD, TONE_TIMEOUT).whenComplete((level, notHeard) -> {
        if (notHeard != null) {
          failure = notHeard.getMessage();
        } else {
          toneHeard.incrementAndGet();
          lowestToneLevel = Math.min(lowestToneLevel, level);
        }
      });
    });
  }

  /** Sends a frame with a fresh id; completes with its ack, fails on an error frame. */
  private CompletableFuture<JsonObject> command(JsonObject frame) {
    String id = "b" + ids.incrementAndGet();
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    replies.put(id, reply);
    send(frame.copy().put("id", id));
    return reply.orTimeout(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The next frame of this type (one waiter per type at a time). */
  private CompletableFuture<JsonObject> expect(String type) {
    CompletableFuture<JsonObject> frame = new CompletableFuture<>();
    replies.put(type, frame);
    return frame.orTimeout(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode());
  }

  /** Starts a new measurement: counters and what the peer received. */
  void reset() {
    offers.set(0);
    answered.set(0);
    ended.set(0);
    toneHeard.set(0);
    connectedNanos = 0;
    lowestToneLevel = 1;
    failure = null;
    sentAtReset = media.rtpSent();
    media.reception().reset();
  }

  /** RTP packets this agent sent since the last reset. */
  long rtpSent() {
    return media.rtpSent() - sentAtReset;
  }

  String username() {
    return username;
  }

  WebRtcTestPeer media() {
    return media;
  }

  int offers() {
    return offers.get();
  }

  int answered() {
    return answered.get();
  }

  int ended() {
    return ended.get();
  }

  int toneHeard() {
    return toneHeard.get();
  }

  long answeredAtNanos() {
    return answeredAtNanos;
  }

  double lowestToneLevel() {
    return toneHeard.get() == 0 ? 0 : lowestToneLevel;
  }

  double connectedSeconds() {
    return connectedNanos / 1e9;
  }

  /** Why a call of this agent went wrong, or null. */
  String failure() {
    return failure;
  }

  @Override
  public void close() {
    media.close();
    WebSocket ws = socket;
    if (ws != null) {
      ws.close();
    }
  }
}
