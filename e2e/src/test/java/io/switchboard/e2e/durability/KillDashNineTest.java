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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, point 5: nothing acknowledged is lost. The packaged server runs in its own JVM and is killed with SIGKILL
 * mid-call and right after a call ended; after a restart on the same data folder every call has exactly one history
 * record and the recording plays up to the crash.
 */
class KillDashNineTest {
  private static final String DID = "+4930555000";
  private static final String CALLER = "+4930123456";
  /** 8 kHz 16-bit stereo. */
  private static final int BYTES_PER_SECOND = 8000 * 2 * 2;

  @TempDir
  Path dataDir;
  @TempDir
  Path sippDir;
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
  void killedMidCall_afterRestartTheCallIsInterrupted_onceAndTheRecordingPlaysUpToTheCrash() throws Exception {
    String callId;
    try (ServerProcess server = ServerProcess.start(dataDir);
        JavaAgent alice = new JavaAgent(vertx, server.httpPort)) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (SippCaller caller = SippCaller.call("caller-expects-bye-from-the-agent.xml", server.sipPort, DID, CALLER,
          tone(), 0, sippDir)) {
        callId = alice.await("call.offer", Duration.ofSeconds(15)).getString("callId");
        alice.command(new JsonObject().put("type", "call.answer").put("callId", callId));
        alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(5)).get();
        // The recorder writes half a second behind "now": wait until the file holds two and a half seconds of talk.
        Await.until(() -> recording(callId).map(KillDashNineTest::size)
                .orElse(0L) > 44 + BYTES_PER_SECOND * 5L / 2, Duration.ofSeconds(15), "2.5 s of recording on disk");

        server.kill();
      }
    }

    List<JsonObject> records = recordsAfterRestart();

    assertThat(records).extracting(r -> r.getString("_id")).containsExactly(callId);
    JsonObject record = records.get(0);
    assertThat(record.getString("outcome")).isEqualTo("interrupted");
    assertThat(record.getValue("answeredAt")).isNotNull();
    assertThat(record.getValue("endedAt")).isNotNull();
    assertThat(record.getValue("interruptedAt")).isNotNull();
    assertThat(record.getJsonObject("agent").getString("username")).isEqualTo("alice");
    assertThat(record.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("event")).toList())
        .containsSubsequence("queued", "answered", "interrupted_by_restart");
    Path wav = dataDir.resolve("recordings").resolve(record.getJsonObject("recording").getString("file"));
    assertThat(wav).isEqualTo(recording(callId).orElseThrow());
    ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(wav), 0, 44).order(ByteOrder.LITTLE_ENDIAN);
    long size = Files.size(wav);
    assertThat(header.getInt(0)).as("RIFF").isEqualTo(0x46464952);
    assertThat(header.getInt(4)).as("RIFF length").isEqualTo(size - 8);
    assertThat(header.getInt(36)).as("data").isEqualTo(0x61746164);
    assertThat(header.getInt(40)).as("data length").isEqualTo(size - 44);
    short[][] channels = Wav.readStereo(wav);
    assertThat(channels[0].length).as("frames up to the crash").isGreaterThan(8000 / 2);
    assertThat(strongestHalfSecond(channels[0], 1000)).as("caller (left) 1 kHz").isGreaterThan(0.6);
  }

  @Test
  void killedRightAfterTheAgentHungUp_afterRestartTheCallIsAnswered_once() throws Exception {
    String callId;
    try (ServerProcess server = ServerProcess.start(dataDir);
        JavaAgent alice = new JavaAgent(vertx, server.httpPort)) {
      alice.login("alice", "alice-demo");
      alice.ready();
      try (SippCaller caller = SippCaller.call("caller-expects-bye-from-the-agent.xml", server.sipPort, DID, CALLER,
          tone(), 0, sippDir)) {
        callId = alice.await("call.offer", Duration.ofSeconds(15)).getString("callId");
        alice.command(new JsonObject().put("type", "call.answer").put("callId", callId));
        alice.media().awaitTone(1000, 0.7, Duration.ofSeconds(5)).get();
        alice.command(new JsonObject().put("type", "call.hangup").put("callId", callId));
        assertThat(alice.await("call.ended", Duration.ofSeconds(5)).getString("by")).isEqualTo("agent");
        assertThat(caller.awaitExit(Duration.ofSeconds(20))).as(caller.report()).isZero();

        server.kill();
      }
    }

    List<JsonObject> records = recordsAfterRestart();

    assertThat(records).extracting(r -> r.getString("_id")).containsExactly(callId);
    JsonObject record = records.get(0);
    assertThat(record.getString("outcome")).isEqualTo("answered");
    assertThat(record.getString("hungUpBy")).isEqualTo("agent");
    assertThat(record.getValue("interruptedAt")).isNull();
    Path wav = dataDir.resolve("recordings").resolve(record.getJsonObject("recording").getString("file"));
    assertThat(record.getJsonObject("recording").getLong("bytes")).isEqualTo(Files.size(wav));
  }

  /**
   * Restarts the server on the data folder (which runs the crash recovery), stops it, and reads every history record
   * from the embedded MongoDB file directly: the file is locked while a server runs.
   */
  private List<JsonObject> recordsAfterRestart() throws Exception {
    try (ServerProcess again = ServerProcess.start(dataDir)) {
      again.stop(Duration.ofSeconds(60));
    }
    Store store = await(Store.open(vertx, Config.load(Map.of(), List.of("--data.dir=" + dataDir)).mongo(),
        dataDir));
    try {
      return await(store.recentCalls(100));
    } finally {
      await(store.close());
    }
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

  private Optional<Path> recording(String callId) {
    Path folder = dataDir.resolve("recordings");
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.getFileName().toString().equals(callId + ".wav")).findFirst();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
