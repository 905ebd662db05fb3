package io.switchboard.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.echo.Echo;
import io.switchboard.media.testpeer.PeerLoop;
import io.switchboard.media.testpeer.WebRtcTestPeer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one WebRTC port read by several SO_REUSEPORT sockets, each on its own event loop. */
class SharedPortTest {
  private static final int SOCKETS = 4;
  private static final int PEERS = 32;
  private Vertx vertx;
  private WebRtcEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    // As many event loops as sockets, whatever the machine's cores (Vert.x makes two per core by default).
    vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(SOCKETS));
  }

  private void open(int pollMicros) throws Exception {
    endpoint = await(WebRtcEndpoint.create(vertx, new WebRtcConfig("127.0.0.1", 0, List.of("127.0.0.1"),
        1 << 20, 1 << 20, Duration.ofSeconds(30), Duration.ofSeconds(60)).withSockets(SOCKETS)
        .withPollMicros(pollMicros)));
  }

  @AfterEach
  void stop() throws Exception {
    if (endpoint != null) {
      await(endpoint.close());
    }
    await(vertx.close());
  }

  @Test
  void peersSpreadOverTheSockets_eachSessionOnTheLoopItsPacketsArriveOn_eachPeerHearsItsOwnTone() throws Exception {
    open(0);
    peersSpreadAndHearTheirOwnTone("vert.x-eventloop-thread-");
  }

  @Test
  void onPollingLoops_theSameHolds() throws Exception {
    open(500);
    peersSpreadAndHearTheirOwnTone("switchboard-media-");
    assertThat(endpoint.debugState().getInteger("pollMicros")).isEqualTo(500);
  }

  private void peersSpreadAndHearTheirOwnTone(String loopThreadPrefix) throws Exception {
    List<WebRtcTestPeer> peers = new ArrayList<>();
    PeerLoop loop = PeerLoop.create("shared-port-test", 1);
    try {
      List<CompletableFuture<Void>> connected = new ArrayList<>();
      for (int i = 0; i < PEERS; i++) {
        WebRtcTestPeer peer = WebRtcTestPeer.create(loop);
        peers.add(peer);
        connected.add(peer.connect(endpoint.accept(peer.createOffer(), Echo.create()).answerSdp()));
      }
      CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      for (int i = 0; i < PEERS; i++) {
        peers.get(i).startTone(i % 2 == 0 ? 440 : 1000);
      }
      for (int i = 0; i < PEERS; i++) {
        double own = i % 2 == 0 ? 440 : 1000;
        peers.get(i).awaitTone(own, 0.7, Duration.ofSeconds(10)).get(11, TimeUnit.SECONDS);
        assertThat(peers.get(i).toneLevel(1440 - own)).as("peer %d hears only its own tone", i).isLessThan(0.05);
      }

      JsonObject state = endpoint.debugState();
      JsonArray sockets = state.getJsonArray("sockets");
      assertThat(sockets).hasSize(SOCKETS);
      Set<String> threads = new HashSet<>();
      long owned = 0;
      int socketsWithSessions = 0;
      for (int i = 0; i < SOCKETS; i++) {
        JsonObject s = sockets.getJsonObject(i);
        threads.add(s.getString("thread"));
        assertThat(s.getString("thread")).startsWith(loopThreadPrefix);
        owned += s.getLong("sessions");
        socketsWithSessions += s.getLong("sessions") > 0 ? 1 : 0;
        // The kernel keeps sending one address to one socket: no packet had to change loops.
        assertThat(s.getLong("handedOver")).as("socket %d handed over", i).isZero();
        assertThat(s.getLong("datagramsReceived") > 0).isEqualTo(s.getLong("sessions") > 0);
      }
      assertThat(threads).as("one event loop per socket").hasSize(SOCKETS);
      assertThat(owned).isEqualTo(PEERS);
      // 32 random source ports over 4 sockets: all on one would be a 4^-31 chance.
      assertThat(socketsWithSessions).isGreaterThan(1);
    } finally {
      peers.forEach(WebRtcTestPeer::close);
      loop.close();
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
