package io.switchboard.media.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.RtpConfig;
import io.switchboard.media.RtpLeg;
import io.switchboard.media.RtpPorts;
import io.switchboard.media.testpeer.Await;
import io.switchboard.media.testpeer.Goertzel;
import io.switchboard.media.testpeer.RtpTestPeer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Prompts played to a carrier's RTP leg, checked on the carrier's side of the wire. */
class PromptPlayerTest {
  private static final AudioCodec PCMU = new AudioCodec(0, "PCMU", 101);
  private static final AudioCodec PCMA = new AudioCodec(8, "PCMA", 101);

  private Vertx vertx;
  private RtpPorts ports;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    ports = RtpPorts.create(vertx, new RtpConfig("127.0.0.1", "127.0.0.1", 31400, 31498, 1 << 20));
  }

  @AfterEach
  void stop() throws Exception {
    await(ports.close());
    await(vertx.close());
  }

  @Test
  void a700HzClip_isHeardByTheCarrier_inAsManyPacketsAsItLasts() throws Exception {
    try (RtpTestPeer carrier = RtpTestPeer.create(true)) {
      RtpLeg leg = await(ports.allocate());
      leg.remote("127.0.0.1", carrier.port(), PCMU);
      // 1.01 s: 50 full packets and one padded with silence.
      Clip tone = new Clip("en", "tone", TestWavs.tone(8000, 1.01, 8000, 700));

      PromptPlayer player = PromptPlayer.play(vertx, leg, List.of(tone));

      assertThat(carrier.awaitTone(700, 0.9, Duration.ofSeconds(3)).get(4, TimeUnit.SECONDS)).isGreaterThan(0.9);
      await(player.done());
      assertThat(player.packetsTotal()).isEqualTo(51);
      Await.until(() -> carrier.received() >= 50, Duration.ofSeconds(2), "the prompt's packets");
      assertThat(carrier.received()).isBetween(50L, 52L);
      assertThat(carrier.toneLevel(700)).isGreaterThan(0.8);
    }
  }

  @Test
  void aSpokenAnnouncement_arrivesIntact_asOneTalkspurtWithContiguousRtp() throws Exception {
    Prompts prompts = Prompts.load(null);
    List<Clip> clips = prompts.clips("en", Announcements.position("en", 3, java.util.Optional.empty()));
    short[] expected = concat(clips);
    try (CapturingRtpPeer carrier = CapturingRtpPeer.create()) {
      RtpLeg leg = await(ports.allocate());
      leg.remote("127.0.0.1", carrier.port(), PCMA);

      PromptPlayer player = PromptPlayer.play(vertx, leg, clips);
      await(player.done());

      int total = (expected.length + 159) / 160;
      assertThat(player.packetsTotal()).isEqualTo(total);
      Await.until(() -> carrier.count() >= total, Duration.ofSeconds(2), "every packet");
      List<CapturingRtpPeer.Packet> packets = carrier.packets();
      assertThat(packets).hasSize(total);
      for (int i = 0; i < packets.size(); i++) {
        CapturingRtpPeer.Packet p = packets.get(i);
        assertThat(p.payloadType()).isEqualTo(8);
        assertThat(p.marker()).as("marker of packet %d", i).isEqualTo(i == 0);
        assertThat(p.audio()).hasSize(160);
        if (i > 0) {
          CapturingRtpPeer.Packet previous = packets.get(i - 1);
          assertThat(p.sequence()).isEqualTo((previous.sequence() + 1) & 0xffff);
          assertThat(p.timestamp()).isEqualTo((previous.timestamp() + 160) & 0xffffffffL);
        }
      }
      short[] heard = carrier.audio();
      // What the carrier decodes is the clip up to G.711 quantization: correlation near 1, same energy.
      assertThat(correlation(expected, Arrays.copyOf(heard, expected.length))).isGreaterThan(0.99);
      assertThat(TestWavs.rms(heard) * Math.sqrt((double) heard.length / expected.length))
          .isCloseTo(TestWavs.rms(expected), org.assertj.core.data.Percentage.withPercentage(3));
      for (int i = expected.length; i < heard.length; i++) {
        assertThat(heard[i]).as("padding after the last clip").isBetween((short) -8, (short) 8);
      }
    }
  }

  @Test
  void packetsArePacedBy20msOfElapsedTime_soPlaybackDoesNotDrift() throws Exception {
    try (CapturingRtpPeer carrier = CapturingRtpPeer.create()) {
      RtpLeg leg = await(ports.allocate());
      leg.remote("127.0.0.1", carrier.port(), PCMU);
      Clip tone = new Clip("en", "tone", TestWavs.tone(8000, 3.0, 8000, 700));

      await(PromptPlayer.play(vertx, leg, List.of(tone)).done());

      Await.until(() -> carrier.count() >= 150, Duration.ofSeconds(2), "150 packets");
      List<CapturingRtpPeer.Packet> packets = carrier.packets();
      long first = packets.get(0).arrivalNanos();
      double spanMillis = (packets.get(149).arrivalNanos() - first) / 1e6;
      // Packet 149 is due 2980 ms after packet 0; timer lateness must not add up over 150 packets.
      assertThat(spanMillis).isBetween(2960.0, 3060.0);
      long onTime = packets.stream()
          .filter(p -> Math.abs((p.arrivalNanos() - first) / 1e6 - packets.indexOf(p) * 20.0) < 15).count();
      assertThat(onTime).as("packets within 15 ms of their slot").isGreaterThan(120);
    }
  }

  @Test
  void afterAStalledEventLoop_thePromptResumesWithoutLosingAudio() throws Exception {
    try (CapturingRtpPeer carrier = CapturingRtpPeer.create()) {
      RtpLeg leg = await(ports.allocate());
      leg.remote("127.0.0.1", carrier.port(), PCMU);
      Clip tone = new Clip("en", "tone", TestWavs.tone(8000, 2.0, 8000, 700));

      PromptPlayer player = PromptPlayer.play(vertx, leg, List.of(tone));
      Await.until(() -> carrier.count() >= 25, Duration.ofSeconds(2), "half a second of the prompt");
      // Simulate a stall: block the media context for 300 ms (the packets due meanwhile cannot be sent).
      leg.onMediaContext(() -> {
        long end = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < end) {
          Thread.onSpinWait();
        }
      });
      await(player.done());

      Await.until(() -> carrier.count() >= 100, Duration.ofSeconds(2), "all 100 packets");
      List<CapturingRtpPeer.Packet> packets = carrier.packets();
      assertThat(packets).hasSize(100);
      assertThat(correlation(tone.samples(), carrier.audio())).isGreaterThan(0.99);
      // Nothing lost and nothing out of order: the late packets were sent, in sequence, with their timestamps.
      // (How late, and in what bursts, is wall-clock behaviour of a shared machine: not asserted here.)
      for (int i = 1; i < packets.size(); i++) {
        assertThat(packets.get(i).sequence()).isEqualTo((packets.get(i - 1).sequence() + 1) & 0xffff);
        assertThat(packets.get(i).timestamp() - packets.get(i - 1).timestamp()).isEqualTo(160);
      }
    }
  }

  @Test
  void stop_endsThePromptAtOnce() throws Exception {
    try (CapturingRtpPeer carrier = CapturingRtpPeer.create()) {
      RtpLeg leg = await(ports.allocate());
      leg.remote("127.0.0.1", carrier.port(), PCMU);
      Clip tone = new Clip("en", "tone", TestWavs.tone(8000, 5.0, 8000, 700));
      PromptPlayer player = PromptPlayer.play(vertx, leg, List.of(tone));
      Await.until(() -> carrier.count() >= 10, Duration.ofSeconds(2), "the prompt to start");

      long stopped = System.nanoTime();
      player.stop();
      await(player.done());

      assertThat((System.nanoTime() - stopped) / 1e6).as("ms from stop to done").isLessThan(200);
      int sent = player.packetsSent();
      assertThat(sent).isBetween(10, 30);
      Await.until(() -> carrier.count() >= sent, Duration.ofSeconds(2), "the packets sent before stop");
      // A second prompt after the stop proves the first one sends nothing more: its packets follow at once.
      Clip beep = new Clip("en", "beep", TestWavs.tone(8000, 0.1, 8000, 1000));
      await(PromptPlayer.play(vertx, leg, List.of(beep)).done());
      Await.until(() -> carrier.count() >= sent + 5, Duration.ofSeconds(2), "the second prompt");
      List<CapturingRtpPeer.Packet> packets = carrier.packets();
      assertThat(packets).hasSize(sent + 5);
      assertThat(packets.get(sent).marker()).as("the second prompt starts a new talkspurt").isTrue();
      player.stop();
    }
  }

  @Test
  void anEmptyPlaylistIsDoneAtOnce_andAStreamWithoutCodecIsSkippedNotQueued() throws Exception {
    RtpLeg leg = await(ports.allocate());
    await(PromptPlayer.play(vertx, leg, List.of()).done());

    Clip tone = new Clip("en", "tone", TestWavs.tone(8000, 0.2, 8000, 700));
    PromptPlayer player = PromptPlayer.play(vertx, leg, List.of(tone));
    await(player.done());
    assertThat(player.packetsSent()).isEqualTo(10);
    assertThat(leg.debugState().getLong("rtpSent")).isZero();
  }

  private static short[] concat(List<Clip> clips) {
    short[] all = new short[clips.stream().mapToInt(c -> c.samples().length).sum()];
    int at = 0;
    for (Clip c : clips) {
      System.arraycopy(c.samples(), 0, all, at, c.samples().length);
      at += c.samples().length;
    }
    return all;
  }

  /** Normalized cross-correlation at lag 0 over the shorter length. */
  private static double correlation(short[] a, short[] b) {
    int n = Math.min(a.length, b.length);
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < n; i++) {
      ab += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
