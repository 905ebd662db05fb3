package io.switchboard.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.echo.Echo;
import io.switchboard.media.testpeer.Await;
import io.switchboard.media.testpeer.PeerLoop;
import io.switchboard.media.testpeer.WebRtcTestPeer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
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
    // The port's own loops even without polling: not Vert.x's, which call control keeps busy under a flood.
    peersSpreadAndHearTheirOwnTone("switchboard-media-");
  }

  @Test
  void sessionsWaitingForTheirFirstCheckOverATimerTick_stayUnclaimed_andLandOnTheirOwnSockets() throws Exception {
    open(0);
    PeerLoop loop = PeerLoop.create("shared-port-wait", 1);
    List<WebRtcTestPeer> peers = new ArrayList<>();
    try {
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        WebRtcTestPeer peer = WebRtcTestPeer.create(loop);
        peers.add(peer);
        answers.add(endpoint.accept(peer.createOffer(), Echo.create()).answerSdp());
      }
      // The default socket's timer looks at the sessions (none has an owner yet) before any check arrives.
      long ticks = socket(0).getLong("timerTicks");
      Await.until(() -> socket(0).getLong("timerTicks") >= ticks + 2, Duration.ofSeconds(5),
          "two timer ticks with the sessions waiting");
      List<CompletableFuture<Void>> connected = new ArrayList<>();
      for (int i = 0; i < peers.size(); i++) {
        connected.add(peers.get(i).connect(answers.get(i)));
      }
      CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      for (int i = 0; i < SOCKETS; i++) {
        // A timer that claimed the waiting sessions would have tied them to socket 0: every packet handed over.
        assertThat(socket(i).getLong("handedOver")).as("socket %d handed over", i).isZero();
      }
    } finally {
      peers.forEach(WebRtcTestPeer::close);
      loop.close();
    }
  }

  private JsonObject socket(int index) {
    return endpoint.debugState().getJsonArray("sockets").getJsonObject(index);
  }

  @Test
  void onPollingLoops_theSameHolds() throws Exception {
    open(500);
    peersSpreadAndHearTheirOwnTone("switchboard-media-");
    assertThat(endpoint.debugState().getInteger("pollMicros")).isEqualTo(500);
  }

  @Test
  void checksFromMoreAddressesOfOneBrowser_landOnOtherSockets_areHandedToTheSessionsLoop() throws Exception {
    open(0);
    try (WebRtcTestPeer peer = WebRtcTestPeer.create()) {
      peer.connect(endpoint.accept(peer.createOffer(), Echo.create()).answerSdp()).get(30, TimeUnit.SECONDS);
      peer.startTone(440);
      peer.awaitTone(440, 0.7, Duration.ofSeconds(10)).get(11, TimeUnit.SECONDS);
      int port = endpoint.localPort();
      // A browser with more candidates (another interface, a relay) checks from each address; the kernel hashes
      // each address to one of the four sockets, mostly not the session's. 1 + 7 addresses: the session's limit.
      int addresses = 7;
      List<java.net.DatagramSocket> others = new ArrayList<>();
      try {
        for (int i = 0; i < addresses; i++) {
          java.net.DatagramSocket other = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress());
          others.add(other);
          other.setSoTimeout(10_000);
          byte[] check = peer.encodedCheck(false);
          other.send(new java.net.DatagramPacket(check, check.length, InetAddress.getLoopbackAddress(), port));
          java.net.DatagramPacket response = new java.net.DatagramPacket(new byte[1500], 1500);
          other.receive(response);
          // 0x0101: Binding success response (RFC 5389 §6), with the same transaction id.
          assertThat(response.getData()[0]).isEqualTo((byte) 0x01);
          assertThat(response.getData()[1]).isEqualTo((byte) 0x01);
          assertThat(java.util.Arrays.copyOfRange(response.getData(), 8, 20))
              .isEqualTo(java.util.Arrays.copyOfRange(check, 8, 20));
        }
        long handedOver = 0;
        JsonArray sockets = endpoint.debugState().getJsonArray("sockets");
        for (int i = 0; i < sockets.size(); i++) {
          handedOver += sockets.getJsonObject(i).getLong("handedOver");
        }
        // All seven on the owner's socket would be a 4^-7 chance.
        assertThat(handedOver).isPositive();
        // The checks handed over reached the session's loop: every address is validated for it.
        Await.until(() -> session().getInteger("validatedAddresses") == 1 + addresses, Duration.ofSeconds(5),
            "the session validates every address");
        // So a (bogus) SRTP packet from each goes to the session, on its loop, and fails there, not at the door.
        long dropsBefore = total(session().getJsonObject("drops"));
        byte[] junk = new byte[172];
        junk[0] = (byte) 0x80;
        for (java.net.DatagramSocket other : others) {
          other.send(new java.net.DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), port));
        }
        Await.until(() -> total(session().getJsonObject("drops")) == dropsBefore + addresses, Duration.ofSeconds(5),
            "the session drops the bogus packets");
        assertThat(endpoint.debugState().getJsonObject("drops").getLong("from_unvalidated_address")).isNull();
      } finally {
        others.forEach(java.net.DatagramSocket::close);
      }
      // The session is still one session, on one loop, and its media still flows.
      assertThat(endpoint.sessionCount()).isEqualTo(1);
      long received = peer.rtpReceived();
      Await.until(() -> peer.rtpReceived() > received + 50, Duration.ofSeconds(5), "more echo after the checks");
      assertThat(peer.toneLevel(440)).isGreaterThan(0.7);
    }
  }

  @Test
  void aSecondEndpointOnTheSamePort_failsToStart_insteadOfSharingItsBrowsers() throws Exception {
    open(0);
    int port = endpoint.localPort();
    WebRtcConfig same = new WebRtcConfig("127.0.0.1", port, List.of("127.0.0.1"), 1 << 20, 1 << 20,
        Duration.ofSeconds(30), Duration.ofSeconds(60)).withSockets(SOCKETS);
    Throwable failure = WebRtcEndpoint.create(vertx, same).toCompletionStage().toCompletableFuture()
        .handle((e, error) -> error).get(10, TimeUnit.SECONDS);
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("UDP port " + port).contains("already in use");
    // The first endpoint still owns every socket on the port.
    assertThat(endpoint.debugState().getJsonArray("sockets")).hasSize(SOCKETS);
  }

  private JsonObject session() {
    return endpoint.debugState().getJsonArray("sessions").getJsonObject(0);
  }

  private static long total(JsonObject counters) {
    return counters.stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
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
