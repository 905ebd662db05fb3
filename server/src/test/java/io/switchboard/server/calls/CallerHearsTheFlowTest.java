package io.switchboard.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.RtpLeg;
import io.switchboard.media.RtpPorts;
import io.switchboard.media.codec.G711;
import io.switchboard.media.impl.rtp.RtpHeader;
import io.switchboard.media.prompt.Announcements;
import io.switchboard.media.prompt.Clip;
import io.switchboard.media.prompt.Prompts;
import io.switchboard.media.recording.Recordings;
import io.switchboard.media.testpeer.Await;
import io.switchboard.routing.config.ConfigurationFactory;
import io.switchboard.routing.config.RoutingConfiguration;
import io.switchboard.server.config.Config;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a caller hears, checked sample by sample: the call control plays the flow's greeting, then, waiting in a queue
 * nobody staffs, the spoken queue position, then music on hold. The caller is a plain RTP receiver on a real RTP leg;
 * only the SIP side is a stand-in ({@link FakeSipLeg}), so no SIP stack is needed. Hanging up there leaves an
 * "abandoned" record and books one automatic callback for the number.
 */
class CallerHearsTheFlowTest {
  private static final String LINE = "+4930555009";
  private static final String CALLER = "+4930111222";

  @TempDir
  Path dir;
  private Vertx vertx;
  private Store store;
  private RtpPorts ports;
  private Recordings recordings;
  private CallCenter center;
  private Receiver caller;
  private RoutingConfiguration routing;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Config config = Config.load(System.getenv(), List.of("--data.dir=" + dir, "--mongodb.embedded.port=0",
        "--media.rtp.bind-host=127.0.0.1"));
    store = await(Store.open(vertx, config.mongo(), dir));
    ports = RtpPorts.create(vertx, config.rtp());
    recordings = Recordings.open(dir.resolve("recordings"));
    Map<String, List<Map<String, ?>>> docs = Map.of(
        "queue", List.of(Map.of("_id", "support", "name", "Support")),
        "flow", List.of(Map.of("_id", "line", "entry", "hello", "steps", Map.of(
            "hello", Map.of("type", "play", "prompt", "welcome", "next", "wait"),
            "wait", Map.of("type", "queue", "queue", "support")))),
        "entry-points", List.of(Map.of("_id", "default", "numbers", Map.of(LINE, "line"))));
    routing = ConfigurationFactory.create(1, docs);
    center = new CallCenter(vertx, config.calls(), store, null, recordings, Prompts.load(null), routing);
    caller = new Receiver();
  }

  @AfterEach
  void stop() throws Exception {
    if (center != null) {
      await(center.close());
    }
    caller.close();
    ports.close();
    recordings.close();
    await(store.close());
    await(vertx.close());
  }

  @Test
  void greeting_thenThePositionInTheQueue_thenMusicOnHold_andAnAbandonedCallGetsOneCallback() throws Exception {
    Prompts prompts = Prompts.load(null);
    Clip welcome = prompts.clip("en", "welcome").orElseThrow();
    List<Clip> position = prompts.clips("en", Announcements.position("en", 1, Optional.empty()));
    int expected = welcome.samples().length + position.stream().mapToInt(c -> c.samples().length).sum();

    RtpLeg media = await(ports.allocate());
    media.remote("127.0.0.1", caller.port(), new AudioCodec(0, "PCMU", 101));
    FakeSipLeg leg = new FakeSipLeg(vertx, media, CALLER, LINE);
    center.onIncomingCall(leg);

    // Greeting and announcement, then two seconds of music on hold.
    Await.until(() -> caller.samples() > expected + 16_000, Duration.ofSeconds(30),
        "the greeting, the announcement and some music on hold");
    assertThat(leg.answered).as("a prompt answers the call (200 OK)").isTrue();
    short[] heard = caller.audio();
    int at = find(heard, welcome.samples(), 0);
    assertThat(at).as("the greeting is heard, sample for sample").isGreaterThanOrEqualTo(0);
    int from = at + welcome.samples().length;
    for (Clip clip : position) {
      int found = find(heard, clip.samples(), from);
      assertThat(found).as(clip.id() + " is heard after what came before it").isGreaterThanOrEqualTo(from);
      from = found + clip.samples().length;
    }
    short[] after = java.util.Arrays.copyOfRange(heard, from + 800, Math.min(heard.length, from + 8800));
    assertThat(rms(after)).as("music on hold after the announcement").isGreaterThan(300);

    leg.hangUp();
    Await.until(() -> await(store.recentCalls(5)).stream().anyMatch(r -> "abandoned".equals(r.getString("outcome"))),
        Duration.ofSeconds(10), "the abandoned call's record");
    JsonObject record = await(store.recentCalls(5)).get(0);
    assertThat(record.getJsonObject("queue").getString("id")).isEqualTo("support");
    assertThat(record.getJsonObject("routing").getString("flow")).isEqualTo("line");
    assertThat(record.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("event")))
        .contains("queued", "announced", "caller_left", "ended");
    Await.until(() -> await(store.callbacks().openFor(CALLER)).isPresent(), Duration.ofSeconds(10),
        "a callback for the abandoned caller");
    assertThat(await(store.callbacks().openFor(CALLER)).orElseThrow().getString("reason")).isEqualTo("abandoned");
  }

  @Test
  void aCallerCardThatDoesNotComeInTime_theFlowStartsWithoutIt_andTheRecordSaysSo() throws Exception {
    await(center.close());
    // A CRM lookup that never answers (a stalled database): the flow must not wait for it beyond the setting.
    Store stalled = (Store) java.lang.reflect.Proxy.newProxyInstance(Store.class.getClassLoader(),
        new Class<?>[] {Store.class}, (proxy, method, args) -> {
          if (method.getName().equals("callerCard")) {
            return io.vertx.core.Promise.promise().future();
          }
          try {
            return method.invoke(store, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    Config config = Config.load(System.getenv(), List.of("--data.dir=" + dir, "--calls.card-wait-ms=200"));
    center = new CallCenter(vertx, config.calls(), stalled, null, recordings, Prompts.load(null), routing);
    Clip welcome = Prompts.load(null).clip("en", "welcome").orElseThrow();

    RtpLeg media = await(ports.allocate());
    media.remote("127.0.0.1", caller.port(), new AudioCodec(0, "PCMU", 101));
    FakeSipLeg leg = new FakeSipLeg(vertx, media, CALLER, LINE);
    center.onIncomingCall(leg);

    Await.until(() -> caller.samples() > welcome.samples().length, Duration.ofSeconds(30),
        "the greeting, without the card");
    leg.hangUp();
    Await.until(() -> await(store.recentCalls(5)).stream().anyMatch(r -> "abandoned".equals(r.getString("outcome"))),
        Duration.ofSeconds(10), "the call's record");
    JsonObject record = await(store.recentCalls(5)).get(0);
    JsonObject late = record.getJsonArray("timeline").stream().map(e -> (JsonObject) e)
        .filter(e -> "customer_card_late".equals(e.getString("event"))).findFirst().orElseThrow();
    assertThat(late.getLong("waitedMs")).isEqualTo(200L);
  }

  /** Where {@code clip} first occurs in {@code audio} at or after {@code from}, exactly; -1 if nowhere. */
  private static int find(short[] audio, short[] clip, int from) {
    int n = Math.min(clip.length, 1600);
    outer:
    for (int i = Math.max(0, from); i + clip.length <= audio.length; i++) {
      for (int k = 0; k < n; k++) {
        if (audio[i + k] != clip[k]) {
          continue outer;
        }
      }
      for (int k = n; k < clip.length; k++) {
        if (audio[i + k] != clip[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static double rms(short[] s) {
    double sum = 0;
    for (short v : s) {
      sum += (double) v * v;
    }
    return s.length == 0 ? 0 : Math.sqrt(sum / s.length);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The caller's RTP receiver: every PCMU payload, decoded, in arrival order. */
  private static final class Receiver implements AutoCloseable {
    private final DatagramSocket socket;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private final Thread thread;
    private volatile boolean closed;

    Receiver() throws Exception {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      socket.setSoTimeout(100);
      thread = new Thread(this::run, "caller-rtp");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void run() {
      byte[] buffer = new byte[2048];
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      while (!closed) {
        try {
          p.setLength(buffer.length);
          socket.receive(p);
        } catch (SocketTimeoutException e) {
          continue;
        } catch (java.io.IOException e) {
          return;
        }
        int header = RtpHeader.headerLength(buffer, 0, p.getLength());
        if (header >= 0 && RtpHeader.payloadType(buffer, 0) == 0) {
          synchronized (payload) {
            payload.write(buffer, header, RtpHeader.payloadLength(buffer, 0, p.getLength()));
          }
        }
      }
    }

    int samples() {
      synchronized (payload) {
        return payload.size();
      }
    }

    short[] audio() {
      byte[] bytes;
      synchronized (payload) {
        bytes = payload.toByteArray();
      }
      short[] out = new short[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        out[i] = G711.ulawToLinear(bytes[i]);
      }
      return out;
    }

    @Override
    public void close() {
      closed = true;
      socket.close();
    }
  }
}
