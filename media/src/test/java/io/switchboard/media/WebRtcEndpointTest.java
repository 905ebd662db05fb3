package io.switchboard.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.media.echo.Echo;
import io.switchboard.media.testpeer.WebRtcTestPeer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebRtcEndpointTest {
  private Vertx vertx;
  private WebRtcEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    WebRtcConfig config = new WebRtcConfig("127.0.0.1", 0, List.of("127.0.0.1"), 1 << 20, 1 << 20,
        Duration.ofSeconds(3), Duration.ofSeconds(5));
    endpoint = await(WebRtcEndpoint.create(vertx, config));
  }

  @AfterEach
  void stop() throws Exception {
    await(endpoint.close());
    await(vertx.close());
  }

  @Test
  void echo_peerHearsItsOwnToneBack() throws Exception {
    try (WebRtcTestPeer peer = WebRtcTestPeer.create()) {
      WebRtcSession session = endpoint.accept(peer.createOffer(), Echo.create());
      assertThat(session.answerSdp()).contains("a=ice-lite", "a=setup:passive", "a=rtcp-mux",
          "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000", " " + endpoint.localPort() + " typ host");
      connect(peer, session);
      await(session.connected());
      peer.startTone(1000);
      double level = peer.awaitTone(1000, 0.8, Duration.ofSeconds(5)).get(6, TimeUnit.SECONDS);
      assertThat(level).isGreaterThan(0.8);
      assertThat(peer.toneLevel(440)).isLessThan(0.05);
      assertThat(session.debugState().getLong("rtpReceived")).isPositive();
      // Sent from whichever thread sends, straight into the JDK channel, nothing dropped on the way.
      assertThat(endpoint.debugState().getBoolean("sendOnCallingThread")).isTrue();
      assertThat(endpoint.debugState().getLong("sendBufferFullDrops")).isZero();
    }
  }

  @Test
  void twoPeersOnTheOnePort_eachHearsOnlyItsOwnTone() throws Exception {
    try (WebRtcTestPeer a = WebRtcTestPeer.create(); WebRtcTestPeer b = WebRtcTestPeer.create()) {
      WebRtcSession sa = endpoint.accept(a.createOffer(), Echo.create());
      WebRtcSession sb = endpoint.accept(b.createOffer(), Echo.create());
      connect(a, sa);
      connect(b, sb);
      a.startTone(440);
      b.startTone(1000);
      a.awaitTone(440, 0.8, Duration.ofSeconds(5)).get(6, TimeUnit.SECONDS);
      b.awaitTone(1000, 0.8, Duration.ofSeconds(5)).get(6, TimeUnit.SECONDS);
      assertThat(a.toneLevel(1000)).isLessThan(0.05);
      assertThat(b.toneLevel(440)).isLessThan(0.05);
      assertThat(endpoint.sessionCount()).isEqualTo(2);
    }
  }

  @Test
  void fingerprintThatDoesNotMatchTheCertificate_failsWithNoMedia() throws Exception {
    try (WebRtcTestPeer peer = WebRtcTestPeer.create().advertisingWrongFingerprint()) {
      WebRtcSession session = endpoint.accept(peer.createOffer(), Echo.create());
      ExecutionException peerError = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> peer.connect(session.answerSdp()).get(10, TimeUnit.SECONDS));
      assertThat(peerError.getCause()).hasMessageContaining("bad_certificate");
      assertThat(await(session.closed())).isEqualTo(CloseReason.DTLS_FAILED);
      assertThat(session.debugState().getString("error"))
          .contains("does not match the a=fingerprint");
      assertThat(session.debugState().getLong("rtpSent")).isZero();
      assertThat(peer.rtpReceived()).isZero();
      assertThat(endpoint.sessionCount()).isZero();
    }
  }

  @Test
  void peerThatStopsConsentChecks_isClosedAndFreed() throws Exception {
    try (WebRtcTestPeer peer = WebRtcTestPeer.create()) {
      WebRtcSession session = endpoint.accept(peer.createOffer(), Echo.create());
      connect(peer, session);
      peer.stopConsent();
      assertThat(await(session.closed())).isEqualTo(CloseReason.CONSENT_EXPIRED);
      assertThat(endpoint.sessionCount()).isZero();
    }
  }

  @Test
  void offerWithSetupPassive_endpointTakesTheDtlsClientRole() throws Exception {
    try (WebRtcTestPeer peer = WebRtcTestPeer.create().offeringPassiveSetup()) {
      WebRtcSession session = endpoint.accept(peer.createOffer(), Echo.create());
      assertThat(session.answerSdp()).contains("a=setup:active");
      connect(peer, session);
      assertThat(session.debugState().getString("dtlsRole")).isEqualTo("client");
      peer.startTone(700);
      peer.awaitTone(700, 0.8, Duration.ofSeconds(5)).get(6, TimeUnit.SECONDS);
    }
  }

  @Test
  void junkOnTheSharedPort_isDroppedAndCounted_whileASessionKeepsFlowing() throws Exception {
    try (WebRtcTestPeer peer = WebRtcTestPeer.create();
        java.net.DatagramSocket attacker = new java.net.DatagramSocket()) {
      WebRtcSession session = endpoint.accept(peer.createOffer(), Echo.create());
      connect(peer, session);
      peer.startTone(1000);
      peer.awaitTone(1000, 0.8, Duration.ofSeconds(5)).get(6, TimeUnit.SECONDS);
      java.util.Random random = new java.util.Random(7);
      java.net.InetSocketAddress target = new java.net.InetSocketAddress("127.0.0.1", endpoint.localPort());
      byte[][] kinds = {
          {0x00, 0x01}, // STUN-looking
          {22, (byte) 0xfe}, // DTLS-looking, from an address ICE never validated
          {(byte) 0x80, 0}, // RTP-looking, likewise
          {(byte) 0xff, 0}, // nothing known
      };
      for (int i = 0; i < 2000; i++) {
        byte[] junk = new byte[20 + random.nextInt(200)];
        random.nextBytes(junk);
        System.arraycopy(kinds[i % kinds.length], 0, junk, 0, 2);
        attacker.send(new java.net.DatagramPacket(junk, junk.length, target));
      }
      long before = peer.rtpReceived();
      peer.awaitTone(1000, 0.8, Duration.ofSeconds(5)).get(6, TimeUnit.SECONDS);
      io.vertx.core.json.JsonObject drops = endpoint.debugState().getJsonObject("drops");
      assertThat(drops.getLong("from_unvalidated_address", 0L)).isPositive();
      assertThat(drops.getLong("unknown_kind", 0L)).isPositive();
      assertThat(drops.getLong("stun_malformed", 0L) + drops.getLong("stun_not_binding_request", 0L)
          + drops.getLong("stun_unknown_username", 0L)).isPositive();
      io.switchboard.media.testpeer.Await.until(() -> peer.rtpReceived() > before + 10, Duration.ofSeconds(5),
          "echo to go on after the junk");
      assertThat(endpoint.sessionCount()).isEqualTo(1);
    }
  }

  @Test
  void offerThatIsNeverConnected_endsAfterTheConnectTimeout() throws Exception {
    try (WebRtcTestPeer peer = WebRtcTestPeer.create()) {
      WebRtcSession session = endpoint.accept(peer.createOffer(), Echo.create());
      assertThat(await(session.closed())).isEqualTo(CloseReason.CONNECT_TIMEOUT);
      assertThat(session.debugState().getString("error")).contains("no ICE connectivity check");
      assertThat(endpoint.sessionCount()).isZero();
    }
  }

  @Test
  void offerWithoutG711_isRefusedAndNothingIsCreated() {
    String opusOnly = WebRtcTestPeer.create().createOffer()
        .replace("m=audio 9 UDP/TLS/RTP/SAVPF 0 8 101", "m=audio 9 UDP/TLS/RTP/SAVPF 111")
        .replace("a=rtpmap:0 PCMU/8000\r\n", "a=rtpmap:111 opus/48000/2\r\n")
        .replace("a=rtpmap:8 PCMA/8000\r\n", "");
    assertThatThrownBy(() -> endpoint.accept(opusOnly, Echo.create()))
        .isInstanceOf(SdpException.class).hasMessageContaining("PCMU or PCMA");
    assertThatThrownBy(() -> endpoint.accept("hello", Echo.create()))
        .isInstanceOf(SdpException.class).hasMessageContaining("v=0");
    assertThat(endpoint.sessionCount()).isZero();
  }

  /** Connects the peer, or fails with what the endpoint saw (drops by reason, session state). */
  private void connect(WebRtcTestPeer peer, WebRtcSession session) throws Exception {
    try {
      peer.connect(session.answerSdp()).get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("peer did not connect (ICE answered: " + peer.iceCompleted().isDone()
          + "); endpoint: " + endpoint.debugState().encodePrettily(), e);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}
