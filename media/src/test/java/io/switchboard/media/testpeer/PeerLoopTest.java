package io.switchboard.media.testpeer;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.WebRtcConfig;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.media.WebRtcSession;
import io.switchboard.media.echo.Echo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeerLoopTest {
  private static final int PEERS = 60;
  private Vertx vertx;
  private WebRtcEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    endpoint = await(WebRtcEndpoint.create(vertx, new WebRtcConfig("127.0.0.1", 0, List.of("127.0.0.1"),
        // Sixty handshakes queue for the loop's eight DTLS workers: on a busy machine the last start late.
        1 << 20, 1 << 20, Duration.ofSeconds(30), Duration.ofSeconds(60))));
  }

  @AfterEach
  void stop() throws Exception {
    await(endpoint.close());
    await(vertx.close());
  }

  @Test
  void sixtyPeersOnOneLoop_eachHearsItsEchoWithDelayMeasured_onAHandfulOfThreads() throws Exception {
    List<WebRtcTestPeer> peers = new ArrayList<>();
    PeerLoop loop = PeerLoop.create("loop-test", 1);
    try {
      List<CompletableFuture<Void>> connected = new ArrayList<>();
      for (int i = 0; i < PEERS; i++) {
        WebRtcTestPeer peer = WebRtcTestPeer.create(loop).markingSendTimes();
        peers.add(peer);
        WebRtcSession session = endpoint.accept(peer.createOffer(), Echo.create());
        connected.add(peer.connect(session.answerSdp()));
      }
      CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      for (int i = 0; i < PEERS; i++) {
        peers.get(i).startTone(i % 2 == 0 ? 440 : 1000);
      }
      for (int i = 0; i < PEERS; i++) {
        double tone = i % 2 == 0 ? 440 : 1000;
        try {
          peers.get(i).awaitTone(tone, 0.7, Duration.ofSeconds(10)).get(11, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new AssertionError("peer " + i + " heard " + peers.get(i).toneLevel(tone) + " other " + peers.get(i).toneLevel(1440 - tone) + " 700: " + peers.get(i).toneLevel(700) + ", received "
              + peers.get(i).rtpReceived() + ", sent " + peers.get(i).rtpSent(), e);
        }
        assertThat(peers.get(i).toneLevel(i % 2 == 0 ? 1000 : 440)).isLessThan(0.05);
      }
      long threads = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("loop-test")).count();
      // One selector, one timer and at most eight DTLS workers, however many peers.
      assertThat(threads).isLessThanOrEqualTo(10);
      assertThat(loop.openChannels()).isEqualTo(PEERS);
      RtpReception.Summary echo = peers.get(0).reception().summary();
      assertThat(echo.received()).isPositive();
      assertThat(echo.delaysMicros()).isNotEmpty();
      // The echo of our own packets on loopback: more than nothing, the median well under 200 ms (the start, with
      // sixty handshakes and the JIT at work, can be slow).
      assertThat(java.util.Arrays.stream(echo.delaysMicros()).min().orElseThrow()).isPositive();
      int[] sorted = echo.delaysMicros().clone();
      java.util.Arrays.sort(sorted);
      assertThat(sorted[sorted.length / 2]).isLessThan(200_000);
    } finally {
      peers.forEach(WebRtcTestPeer::close);
      loop.close();
    }
  }

  @Test
  void sendTimeMarker_roundTripsAndIsNotFoundInATone() {
    byte[] payload = new byte[160];
    SendTimeMarker.write(payload, 0, 123_456_789_012L, 65535);
    assertThat(SendTimeMarker.read(payload, 0, payload.length)).isEqualTo(123_456_789_012L);
    assertThat(SendTimeMarker.count(payload, 0, payload.length)).isEqualTo(65535);
    byte[] tone = new byte[160];
    short[] pcm = new short[160];
    new ToneGenerator(1000, 8000).next(pcm);
    for (int i = 0; i < pcm.length; i++) {
      tone[i] = io.switchboard.media.codec.G711.linearToUlaw(pcm[i]);
    }
    assertThat(SendTimeMarker.read(tone, 0, tone.length)).isEqualTo(-1);
    assertThat(SendTimeMarker.read(payload, 0, 10)).isEqualTo(-1);
  }

  @Test
  void reception_countsLossFromSequenceNumbersAcrossTheWrap() {
    RtpReception reception = new RtpReception();
    byte[] packet = new byte[12 + 160];
    long t = 0;
    for (int sequence : new int[] {65533, 65534, 65535, 1, 2, 4}) {
      io.switchboard.media.impl.rtp.RtpHeader.write(packet, 0, false, 0, sequence, 160L * sequence, 7);
      reception.onPacket(packet, 0, packet.length, t += 20_000);
    }
    RtpReception.Summary s = reception.summary();
    assertThat(s.received()).isEqualTo(6);
    assertThat(s.expected()).isEqualTo(8);
    assertThat(s.lost()).isEqualTo(2);
    reception.reset();
    assertThat(reception.summary().received()).isZero();
  }

  @Test
  void reception_countsLossInTheSendersNumbering_whenARelayRenumbers() {
    RtpReception reception = new RtpReception();
    byte[] packet = new byte[12 + 160];
    int relaySequence = 100;
    // The sender's packets 65534..3 (across the wrap) minus 0 and 2; the relay numbers what it forwards 100, 101...
    // Then a new sender (the next call) starts far away at 40000..40001.
    for (int count : new int[] {65534, 65535, 1, 3, 40000, 40001}) {
      io.switchboard.media.impl.rtp.RtpHeader.write(packet, 0, false, 0, relaySequence, 160L * relaySequence, 7);
      relaySequence++;
      SendTimeMarker.write(packet, 12, SendTimeMarker.nowMicros(), count);
      reception.onPacket(packet, 0, packet.length, SendTimeMarker.nowMicros());
    }
    RtpReception.Summary s = reception.summary();
    assertThat(s.lost()).isZero();
    assertThat(s.markedReceived()).isEqualTo(6);
    assertThat(s.markedExpected()).isEqualTo(8);
    assertThat(s.markedLost()).isEqualTo(2);
    assertThat(s.delaysMicros()).hasSize(6);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
