package io.switchboard.e2e.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.calls.JavaAgent;
import io.switchboard.e2e.calls.SippCaller;
import io.switchboard.e2e.calls.ToneFile;
import io.switchboard.e2e.calls.Wav;
import io.switchboard.media.testpeer.Await;
import io.switchboard.media.testpeer.Goertzel;
import io.switchboard.server.config.Config;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 4: SIGTERM drains before the stop (docs/reliability.md, "Graceful drain"). The packaged server runs
 * in its own JVM with a call up between SIPp (the carrier) and a Java agent; it gets a real SIGTERM. A new INVITE
 * then gets 503 with Retry-After, a new sign-in a 503 that says why, the call in progress goes on (its audio reaches
 * the recording after the signal) until the caller hangs up, or until the drain limit when it is ended cleanly; its
 * history record and recording are written and the process exits with 0.
 */
class GracefulDrainTest {
  private static final String DID = "+4930555000";
  private static final String CALLER = "+4930123456";

  @TempDir
  Path dataDir;
  @TempDir
  Path sippDir;
  @TempDir
  Path lateDir;
  private Vertx vertx;

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void sigtermWithACallUp_refusesNewCallsAndSignIns_theCallGoesOnUntilTheCallerHangsUp_exitZero() throws Exception {
    String callId;
    Instant sigterm;
    Instant exited;
    try (ServerProcess server = ServerProcess.start(dataDir, List.of("--shutdown.drain-seconds=60"));
        JavaAgent alice = signedIn(server)) {
      // The caller talks (1 kHz) for 9 s after the answer, then hangs up.
      try (SippCaller caller = SippCaller.call("caller-talks-then-hangs-up.xml", server.sipPort, DID, CALLER,
          tone(), 9_000, sippDir)) {
        callId = alice.await("call.offer", Duration.ofSeconds(15)).getString("callId");
        alice.command(new JsonObject().put("type", "call.answer").put("callId", callId));
        alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(15)).get();

        sigterm = Instant.now();
        server.terminate();
        awaitDraining(server);

        try (SippCaller late = SippCaller.call("caller-expects-503-with-retry-after.xml", server.sipPort, DID,
            "+4930777888", tone(), 0, lateDir)) {
          assertThat(late.awaitExit(Duration.ofSeconds(20))).as("a new call gets 503 with Retry-After: "
              + late.report()).isZero();
        }
        HttpResponse<String> login = signIn("bob", "bob-demo", server.httpPort);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(503);
        assertThat(login.headers().firstValue("Retry-After")).isPresent();
        JsonObject refusal = new JsonObject(login.body());
        assertThat(refusal.getString("code")).isEqualTo("server_draining");
        assertThat(refusal.getString("message")).contains("shutting down").contains("Sign in again");

        assertThat(caller.awaitExit(Duration.ofSeconds(30))).as("the caller hangs up normally: "
            + caller.report()).isZero();
        assertThat(alice.await("call.ended", Duration.ofSeconds(10)).getString("by")).isEqualTo("caller");
      }
      assertThat(server.awaitExit(Duration.ofSeconds(40))).as(server.output()).isZero();
      exited = Instant.now();
    }

    JsonObject record = onlyRecord(callId);
    assertThat(record.getString("outcome")).isEqualTo("answered");
    assertThat(record.getString("hungUpBy")).isEqualTo("caller");
    Instant answered = instant(record.getValue("answeredAt"));
    Instant ended = instant(record.getValue("endedAt"));
    assertThat(Duration.between(sigterm, ended)).as("the call went on after SIGTERM")
        .isGreaterThan(Duration.ofSeconds(3));
    System.out.printf("drain: call answered %s, SIGTERM +%d ms, call ended +%d ms, process exited +%d ms%n",
        answered, Duration.between(answered, sigterm).toMillis(), Duration.between(answered, ended).toMillis(),
        Duration.between(answered, exited).toMillis());
    // The caller's tone is in the recording after the signal, not only before it.
    short[] left = recording(record)[0];
    int afterSignal = (int) (Duration.between(answered, sigterm).toMillis() * 8) + 8000;
    assertThat(left.length).as("recorded frames").isGreaterThan(afterSignal + 16000);
    assertThat(strongestHalfSecond(Arrays.copyOfRange(left, afterSignal, afterSignal + 16000), 1000))
        .as("1 kHz from the caller 1..3 s after SIGTERM").isGreaterThan(0.6);
  }

  @Test
  void drainLimitPasses_theCallIsEndedCleanly_itsRecordAndRecordingAreWritten_exitZero() throws Exception {
    String callId;
    Instant sigterm;
    try (ServerProcess server = ServerProcess.start(dataDir, List.of("--shutdown.drain-seconds=3"));
        JavaAgent alice = signedIn(server)) {
      // This caller never hangs up: it waits for our BYE.
      try (SippCaller caller = SippCaller.call("caller-expects-bye-from-the-agent.xml", server.sipPort, DID, CALLER,
          tone(), 0, sippDir)) {
        callId = alice.await("call.offer", Duration.ofSeconds(15)).getString("callId");
        alice.command(new JsonObject().put("type", "call.answer").put("callId", callId));
        alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(15)).get();

        sigterm = Instant.now();
        server.terminate();
        assertThat(caller.awaitExit(Duration.ofSeconds(30))).as("the caller gets our BYE: " + caller.report())
            .isZero();
      }
      assertThat(server.awaitExit(Duration.ofSeconds(40))).as(server.output()).isZero();
    }

    JsonObject record = onlyRecord(callId);
    assertThat(record.getString("outcome")).isEqualTo("answered");
    assertThat(record.getString("hungUpBy")).isEqualTo("system");
    assertThat(record.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("event")).toList())
        .containsSubsequence("answered", "server_stopping", "ended");
    Duration endedAfter = Duration.between(sigterm, instant(record.getValue("endedAt")));
    assertThat(endedAfter).as("ended after the drain limit").isGreaterThanOrEqualTo(Duration.ofMillis(2_500));
    System.out.printf("drain limit 3 s: the call was ended %d ms after SIGTERM%n", endedAfter.toMillis());
    short[] left = recording(record)[0];
    assertThat(left.length).as("recorded frames").isGreaterThan(8000 * 3);
    assertThat(strongestHalfSecond(left, 1000)).as("caller (left) 1 kHz").isGreaterThan(0.6);
  }

  /** The server drains: its metrics say so ({@code switchboard_draining 1}, docs/metrics.md). */
  private static void awaitDraining(ServerProcess server) throws Exception {
    try {
      Await.until(() -> {
        try {
          HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.httpPort + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
          return metrics.body().lines().anyMatch(l -> l.equals("switchboard_draining 1.0"));
        } catch (Exception e) {
          return false;
        }
      }, Duration.ofSeconds(20), "switchboard_draining 1");
    } catch (Exception | AssertionError e) {
      throw new AssertionError("no drain after SIGTERM (alive: " + server.alive() + ")\n" + server.output(), e);
    }
    assertThat(server.output()).contains("Switchboard is draining");
  }

  /**
   * Alice, signed in and Ready. Tried up to three times: the first media session of a process (the server's, and
   * this JVM's test peer) loads OpenSSL, benchmarks AES and warms the DTLS code, which on a loaded machine alone can
   * outlast JavaAgent's 10 s wait for the media session; a later try finds it done.
   */
  private JavaAgent signedIn(ServerProcess server) throws Exception {
    for (int attempt = 1; ; attempt++) {
      JavaAgent alice = new JavaAgent(vertx, server.httpPort);
      try {
        alice.login("alice", "alice-demo");
        alice.ready();
        return alice;
      } catch (Exception | AssertionError e) {
        alice.close();
        if (attempt == 3) {
          throw new AssertionError("alice could not sign in: " + e + "\n" + server.output(), e);
        }
      }
    }
  }

  /** The one history record, read from the embedded MongoDB file the stopped server left. */
  private JsonObject onlyRecord(String callId) throws Exception {
    Store store = await(Store.open(vertx, Config.load(Map.of(), List.of("--data.dir=" + dataDir)).mongo(),
        dataDir));
    try {
      List<JsonObject> records = await(store.recentCalls(100));
      assertThat(records).extracting(r -> r.getString("_id")).containsExactly(callId);
      return records.get(0);
    } finally {
      await(store.close());
    }
  }

  /** The call's stereo recording; its size is the one the record holds (so it was final when written). */
  private short[][] recording(JsonObject record) throws Exception {
    JsonObject recording = record.getJsonObject("recording");
    Path wav = dataDir.resolve("recordings").resolve(recording.getString("file"));
    assertThat(recording.getLong("bytes")).isEqualTo(Files.size(wav));
    return Wav.readStereo(wav);
  }

  private static HttpResponse<String> signIn(String username, String password, int httpPort) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/api/login"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", username)
            .put("password", password).encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Instant instant(Object value) {
    if (value instanceof JsonObject date) {
      return Instant.parse(date.getString("$date"));
    }
    return Instant.parse(String.valueOf(value));
  }

  /** The relative power of {@code frequency} in the half second of the channel where it is strongest. */
  private static double strongestHalfSecond(short[] samples, double frequency) {
    double best = 0;
    for (int from = 0; from + 4000 <= samples.length; from += 400) {
      best = Math.max(best, Goertzel.relativePower(Arrays.copyOfRange(samples, from, from + 4000), 4000, frequency,
          8000));
    }
    return best;
  }

  private Path tone() throws Exception {
    return ToneFile.write(sippDir.resolve("caller-1khz.ulaw"), 1000, 30);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
