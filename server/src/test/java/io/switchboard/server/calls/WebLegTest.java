package io.switchboard.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.CloseReason;
import io.switchboard.media.MediaSink;
import io.switchboard.media.WebRtcSession;
import io.switchboard.media.impl.rtp.RtpHeader;
import io.switchboard.media.prompt.Prompts;
import io.switchboard.media.recording.Recordings;
import io.switchboard.media.testpeer.Await;
import io.switchboard.routing.config.ConfigurationFactory;
import io.switchboard.server.config.Config;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web caller's leg under call control, with the browser's media session as a stand-in: the page sees what the
 * caller experiences (and nothing internal), RFC 4733 keys reach the flow, and a tab that stops answering consent
 * checks (RFC 7675: the session closes CONSENT_EXPIRED) ends the call as abandoned, the record saying so.
 */
class WebLegTest {
  @TempDir
  Path dir;
  private Vertx vertx;
  private Store store;
  private Recordings recordings;
  private CallCenter center;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Config config = Config.load(System.getenv(), List.of("--data.dir=" + dir, "--mongodb.embedded.port=0"));
    store = await(Store.open(vertx, config.mongo(), dir));
    recordings = Recordings.open(dir.resolve("recordings"));
    Map<String, List<Map<String, ?>>> docs = Map.of(
        "queue", List.of(Map.of("_id", "support", "name", "Support")),
        "flow", List.of(Map.of("_id", "web", "entry", "menu", "steps", Map.of(
            "menu", Map.of("type", "menu", "prompt", "main-menu", "timeout", 30, "options", Map.of("2", "wait"),
                "default", "wait"),
            "wait", Map.of("type", "queue", "queue", "support")))),
        "entry-points", List.of(Map.of("_id", "default", "web", Map.of("shop",
            Map.of("flow", "web", "origins", List.of("https://shop.example"))))));
    center = new CallCenter(vertx, config.calls(), store, null, recordings, Prompts.load(null),
        ConfigurationFactory.create(1, docs));
  }

  @AfterEach
  void stop() throws Exception {
    await(center.close());
    recordings.close();
    await(store.close());
    await(vertx.close());
  }

  @Test
  void keysReachTheMenu_thePageSeesQueuedAtItsPosition_anAbandonedTabEndsTheCall() throws Exception {
    FakeSession session = new FakeSession();
    FakePage page = new FakePage();
    WebLeg leg = new WebLeg(session, new WebLeg.Visitor("shop", "https://shop.example",
        "https://shop.example/teapots", "Olena", null), page);
    String callId = await(center.onWebCall(leg, "shop", null));
    Await.until(() -> page.states().contains("ringing"), Duration.ofSeconds(10), "the page to hear ringing");

    session.dtmf('2', 1000); // RFC 4733: a first packet and three end packets of one event (same timestamp)
    Await.until(() -> page.states().contains("queued"), Duration.ofSeconds(10), "the menu to queue the call");
    JsonObject queued = page.messages.stream().filter(m -> "queued".equals(m.getString("state"))).findFirst()
        .orElseThrow();
    assertThat(queued.getInteger("position")).isEqualTo(1);
    assertThat(page.messages).as("nothing internal reaches the page")
        .allMatch(m -> m.fieldNames().stream().allMatch(f -> List.of("type", "state", "position",
            "estimatedWaitSeconds", "outcome", "reason").contains(f)));

    session.closed.complete(CloseReason.CONSENT_EXPIRED); // the tab stopped answering consent checks
    Await.until(() -> await(store.call(callId)).filter(r -> !"in_progress".equals(r.getString("outcome")))
        .isPresent(), Duration.ofSeconds(10), "the call's final record");
    JsonObject record = await(store.call(callId)).orElseThrow();
    assertThat(record.getString("channel")).isEqualTo("web");
    assertThat(record.getString("outcome")).isEqualTo("abandoned");
    assertThat(record.getString("hungUpBy")).isEqualTo("caller");
    assertThat(record.getString("from")).isEqualTo("anonymous");
    assertThat(record.getJsonObject("web")).isEqualTo(new JsonObject().put("entry", "shop")
        .put("origin", "https://shop.example").put("page", "https://shop.example/teapots").put("name", "Olena")
        .putNull("number"));
    assertThat(record.getJsonArray("timeline").stream().map(JsonObject.class::cast)
        .filter(e -> "dtmf".equals(e.getString("event"))).map(e -> e.getString("digit")).toList())
        .as("one key, reported once").containsExactly("2");
    assertThat(record.getJsonArray("timeline").stream().map(JsonObject.class::cast)
        .filter(e -> "caller_left".equals(e.getString("event"))).map(e -> e.getString("reason")).toList())
        .containsExactly("MEDIA_LOST");
    assertThat(page.closed).isTrue();
    assertThat(page.messages.get(page.messages.size() - 1).getString("reason")).isEqualTo("media_lost");
    assertThat(await(center.activeCalls())).isZero();
  }

  @Test
  void hangingUpFromOurSide_closesTheSessionAndThePage() {
    FakeSession session = new FakeSession();
    FakePage page = new FakePage();
    WebLeg leg = new WebLeg(session, new WebLeg.Visitor("shop", "https://shop.example", null, null, null), page);
    CopyOnWriteArrayList<CallerLeg.EndReason> ended = new CopyOnWriteArrayList<>();
    leg.onEnded(ended::add);
    leg.hangup();
    leg.hangup();
    assertThat(session.closed.future().result()).isEqualTo(CloseReason.LOCAL);
    assertThat(page.closed).isTrue();
    assertThat(ended).containsExactly(CallerLeg.EndReason.WE_HUNG_UP);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The page's side of the socket. */
  private static final class FakePage implements WebLeg.Page {
    final List<JsonObject> messages = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    @Override
    public void send(JsonObject message) {
      if (!closed) { // as the socket: nothing is sent after it closed
        messages.add(message);
      }
    }

    @Override
    public void close() {
      closed = true;
    }

    List<String> states() {
      return messages.stream().map(m -> m.getString("state")).toList();
    }
  }

  /** A browser's session that is connected from the start; the test feeds it packets and closes it. */
  private static final class FakeSession implements WebRtcSession {
    final Promise<CloseReason> closed = Promise.promise();
    private volatile MediaSink sink = MediaSink.DISCARD;

    void dtmf(char digit, long timestamp) {
      int event = "0123456789*#".indexOf(digit);
      for (int i = 0; i < 4; i++) {
        byte[] packet = new byte[RtpHeader.FIXED_LENGTH + 4];
        RtpHeader.write(packet, 0, i == 0, 101, 100 + i, timestamp, 0x1234);
        packet[12] = (byte) event;
        packet[13] = (byte) (i == 0 ? 10 : 0x80 | 10);
        packet[15] = (byte) (i == 0 ? 160 : 800);
        sink.onRtp(this, packet, 0, packet.length);
      }
    }

    @Override
    public String id() {
      return "fake-session";
    }

    @Override
    public AudioCodec codec() {
      return new AudioCodec(0, "PCMU", 101);
    }

    @Override
    public void sendRtp(int payloadType, boolean marker, int timestampAdvance, byte[] payload, int offset,
        int length) {
    }

    @Override
    public void sink(MediaSink sink) {
      this.sink = sink == null ? MediaSink.DISCARD : sink;
    }

    @Override
    public void onMediaContext(Runnable action) {
      action.run();
    }

    @Override
    public String answerSdp() {
      return "";
    }

    @Override
    public Future<Void> connected() {
      return Future.succeededFuture();
    }

    @Override
    public Future<CloseReason> closed() {
      return closed.future();
    }

    @Override
    public JsonObject debugState() {
      return new JsonObject();
    }

    @Override
    public void close(CloseReason reason) {
      closed.tryComplete(reason);
    }
  }
}
