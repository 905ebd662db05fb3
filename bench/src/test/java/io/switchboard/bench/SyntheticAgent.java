package io.switchboard.bench;

import io.switchboard.e2e.calls.JavaAgent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One agent of the fleet: a {@link JavaAgent} (the real login, socket and media protocol) that is Ready, sends
 * 440 Hz all shift long, answers every offer and listens for the caller's 1 kHz. Its own thread drives the agent;
 * what it counted is read after {@link #stop()}.
 */
final class SyntheticAgent implements AutoCloseable {
  static final double AGENT_TONE_HZ = 440;
  static final double CALLER_TONE_HZ = 1000;
  private static final double TONE_THRESHOLD = 0.7;
  private static final Duration TONE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofMillis(500);

  private final String username;
  private final JavaAgent agent;
  private final Duration longestCall;
  private final Thread answering;
  private volatile boolean stopping;
  private String ufrag;

  private volatile int offers;
  private volatile int answered;
  private volatile int ended;
  private int toneHeard;
  private double lowestToneLevel = 1;
  private long connectedNanos;
  private long slowestAnswerNanos;
  private String failure;

  SyntheticAgent(Vertx vertx, int httpPort, String username, Duration longestCall) {
    this.username = username;
    this.agent = new JavaAgent(vertx, httpPort);
    this.longestCall = longestCall;
    this.answering = new Thread(this::answerCalls, "bench-agent-" + username);
    answering.setDaemon(true);
  }

  /** Logs in, connects media, goes Ready and starts the tone; then answers every offer until stopped. */
  void start(String password) throws Exception {
    agent.login(username, password);
    agent.ready();
    agent.media().startTone(AGENT_TONE_HZ);
    ufrag = iceUfrag(agent.media().createOffer());
    answering.start();
  }

  private void answerCalls() {
    try {
      while (!stopping) {
        JsonObject offer;
        try {
          offer = agent.await("call.offer", POLL);
        } catch (AssertionError timedOut) {
          continue;
        }
        offers++;
        long offeredAt = System.nanoTime();
        agent.command(new JsonObject().put("type", "call.answer").put("callId", offer.getString("callId")));
        long answeredAt = System.nanoTime();
        slowestAnswerNanos = Math.max(slowestAnswerNanos, answeredAt - offeredAt);
        answered++;
        try {
          double level = agent.media().awaitTone(CALLER_TONE_HZ, TONE_THRESHOLD, TONE_TIMEOUT).get();
          toneHeard++;
          lowestToneLevel = Math.min(lowestToneLevel, level);
        } catch (ExecutionException notHeard) {
          failure = notHeard.getCause().getMessage();
        }
        agent.await("call.ended", longestCall);
        connectedNanos += System.nanoTime() - answeredAt;
        ended++;
      }
    } catch (Exception | AssertionError e) {
      failure = e.getMessage();
    }
  }

  /** Answers no more offers (a call in progress is left to end by itself). */
  void stopAnswering() {
    stopping = true;
  }

  /** Waits for the answering thread to finish, after {@link #stopAnswering()}. */
  void awaitStopped() throws InterruptedException {
    answering.join(TimeUnit.SECONDS.toMillis(5) + longestCall.toMillis());
  }

  String username() {
    return username;
  }

  /** The agent's ICE ufrag: how the media tap knows its flow. */
  String ufrag() {
    return ufrag;
  }

  int offers() {
    return offers;
  }

  int answered() {
    return answered;
  }

  int ended() {
    return ended;
  }

  int toneHeard() {
    return toneHeard;
  }

  double lowestToneLevel() {
    return toneHeard == 0 ? 0 : lowestToneLevel;
  }

  double connectedSeconds() {
    return connectedNanos / 1e9;
  }

  double slowestAnswerMillis() {
    return slowestAnswerNanos / 1e6;
  }

  /** Why the agent stopped answering or missed a tone, or null. */
  String failure() {
    return failure;
  }

  private static String iceUfrag(String sdp) {
    for (String line : sdp.split("\r\n")) {
      if (line.startsWith("a=ice-ufrag:")) {
        return line.substring("a=ice-ufrag:".length());
      }
    }
    throw new IllegalStateException("no ice-ufrag in the peer's offer");
  }

  @Override
  public void close() {
    stopping = true;
    agent.close();
  }
}
