package io.switchboard.media.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.MediaSink;
import io.switchboard.media.RtpConfig;
import io.switchboard.media.RtpLeg;
import io.switchboard.media.RtpPorts;
import io.switchboard.media.WebRtcConfig;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.media.WebRtcSession;
import io.switchboard.media.recording.CallRecorder;
import io.switchboard.media.recording.Recordings;
import io.switchboard.media.testpeer.Await;
import io.switchboard.media.testpeer.Goertzel;
import io.switchboard.media.testpeer.RtpTestPeer;
import io.switchboard.media.testpeer.WebRtcTestPeer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A carrier (plain RTP, A-law) bridged to a browser-like agent (WebRTC, µ-law), recorded in stereo. */
class BridgeTest {
  @TempDir
  Path dir;

  private Vertx vertx;
  private WebRtcEndpoint endpoint;
  private RtpPorts ports;
  private Recordings recordings;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    endpoint = await(WebRtcEndpoint.create(vertx, WebRtcConfig.defaults().withPort(0)));
    ports = RtpPorts.create(vertx, new RtpConfig("127.0.0.1", "127.0.0.1", 31000, 31100, 1 << 20));
    recordings = Recordings.open(dir);
  }

  @AfterEach
  void stop() throws Exception {
    recordings.close();
    await(ports.close());
    await(endpoint.close());
    await(vertx.close());
  }

  @Test
  void callerAndAgentHearEachOther_acrossLaws_andTheRecordingHasOneSidePerChannel() throws Exception {
    try (WebRtcTestPeer agent = WebRtcTestPeer.create(); RtpTestPeer carrier = RtpTestPeer.create(false)) {
      WebRtcSession session = endpoint.accept(agent.createOffer(), MediaSink.DISCARD);
      agent.connect(session.answerSdp()).get(10, TimeUnit.SECONDS);
      RtpLeg leg = await(ports.allocate());
      leg.remote("127.0.0.1", carrier.port(), new AudioCodec(8, "PCMA", 101));
      carrier.sendTo("127.0.0.1", leg.localPort());

      CallRecorder recorder = recordings.start("2026/11/23/call-1");
      Bridge bridge = Bridge.connect(leg, session, recorder);
      carrier.startTone(1000);
      agent.startTone(440);

      agent.awaitTone(1000, 0.8, Duration.ofSeconds(5)).get(6, TimeUnit.SECONDS);
      carrier.awaitTone(440, 0.8, Duration.ofSeconds(5)).get(6, TimeUnit.SECONDS);
      assertThat(agent.toneLevel(440)).isLessThan(0.05);
      assertThat(carrier.toneLevel(1000)).isLessThan(0.05);
      // Let a second of conversation reach the recording (counted in packets, not slept).
      long target = agent.rtpReceived() + 50;
      Await.until(() -> agent.rtpReceived() >= target, Duration.ofSeconds(5), "a second more of audio");

      bridge.disconnect();
      CallRecorder.Recording recording = recordings.stop(recorder).get(5, TimeUnit.SECONDS);
      assertThat(recording.file()).isEqualTo(dir.resolve("2026/11/23/call-1.wav"));
      short[][] channels = readStereo(recording.file());
      assertThat(channels[0].length).isGreaterThan(4000);
      assertThat(level(channels[0], 1000)).isGreaterThan(0.6);
      assertThat(level(channels[0], 440)).isLessThan(0.05);
      assertThat(level(channels[1], 440)).isGreaterThan(0.6);
      assertThat(level(channels[1], 1000)).isLessThan(0.05);
    }
  }

  @Test
  void dtmfFromTheCarrier_isReportedOncePerDigit() throws Exception {
    try (RtpTestPeer carrier = RtpTestPeer.create(true)) {
      RtpLeg leg = await(ports.allocate());
      leg.remote("127.0.0.1", carrier.port(), new AudioCodec(0, "PCMU", 101));
      carrier.sendTo("127.0.0.1", leg.localPort());
      StringBuilder digits = new StringBuilder();
      CompletableFuture<String> three = new CompletableFuture<>();
      leg.onDtmf(d -> {
        digits.append(d);
        if (digits.length() == 3) {
          three.complete(digits.toString());
        }
      });
      carrier.sendDtmf('1', 101);
      carrier.sendDtmf('#', 101);
      carrier.sendDtmf('9', 101);
      assertThat(three.get(5, TimeUnit.SECONDS)).isEqualTo("1#9");
    }
  }

  @Test
  void ringbackPlayer_isHeardAt425Hz() throws Exception {
    try (RtpTestPeer carrier = RtpTestPeer.create(true)) {
      RtpLeg leg = await(ports.allocate());
      leg.remote("127.0.0.1", carrier.port(), new AudioCodec(0, "PCMU", -1));
      TonePlayer player = TonePlayer.start(vertx, leg, TonePlayer.Pattern.RINGBACK);
      carrier.awaitTone(425, 0.8, Duration.ofSeconds(3)).get(4, TimeUnit.SECONDS);
      player.stop();
    }
  }

  /** Relative power of {@code frequency} in the middle 0.25 s of the part of the channel that has sound. */
  static double level(short[] samples, double frequency) {
    int first = 0;
    while (first < samples.length && samples[first] == 0) {
      first++;
    }
    int last = samples.length - 1;
    while (last > first && samples[last] == 0) {
      last--;
    }
    int middle = (first + last) / 2;
    short[] window = java.util.Arrays.copyOfRange(samples, Math.max(first, middle - 1000),
        Math.min(last + 1, middle + 1000));
    return Goertzel.relativePower(window, window.length, frequency, 8000);
  }

  static short[][] readStereo(Path wav) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getShort(22)).isEqualTo((short) 2);
    assertThat(b.getInt(24)).isEqualTo(8000);
    int frames = b.getInt(40) / 4;
    assertThat(44 + frames * 4L).isEqualTo(Files.size(wav));
    short[][] out = new short[2][frames];
    for (int i = 0; i < frames; i++) {
      out[0][i] = b.getShort(44 + i * 4);
      out[1][i] = b.getShort(44 + i * 4 + 2);
    }
    return out;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
