package io.switchboard.media.bridge;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.RtpStream;
import io.switchboard.media.codec.G711;
import io.vertx.core.Vertx;

/**
 * Plays a generated cadence into a stream, 20 ms a packet: ringback (ITU-T E.180: 425 Hz, 1 s on, 4 s off) while
 * a caller waits, or a soft two-note chime as music on hold. Runs on the stream's media context.
 */
public final class TonePlayer {
  /** What to play. */
  public enum Pattern { RINGBACK, HOLD_MUSIC }

  private final Vertx vertx;
  private final RtpStream target;
  private final Pattern pattern;
  private final byte[] payload = new byte[AudioCodec.SAMPLES_PER_PACKET];
  private long sample;
  private long timerId = -1;
  private volatile boolean stopped;

  private TonePlayer(Vertx vertx, RtpStream target, Pattern pattern) {
    this.vertx = vertx;
    this.target = target;
    this.pattern = pattern;
  }

  /** Starts playing until {@link #stop()}. */
  public static TonePlayer start(Vertx vertx, RtpStream target, Pattern pattern) {
    TonePlayer player = new TonePlayer(vertx, target, pattern);
    target.onMediaContext(() -> {
      if (!player.stopped) {
        player.timerId = vertx.setPeriodic(20, id -> player.tick());
      }
    });
    return player;
  }

  private void tick() {
    AudioCodec codec = target.codec();
    if (stopped || codec == null) {
      return;
    }
    boolean ulaw = codec.name().equals("PCMU");
    for (int i = 0; i < payload.length; i++) {
      int s = sampleAt(sample++);
      payload[i] = ulaw ? G711.linearToUlaw(s) : G711.linearToAlaw(s);
    }
    target.sendRtp(codec.payloadType(), false, AudioCodec.SAMPLES_PER_PACKET, payload, 0, payload.length);
  }

  private int sampleAt(long n) {
    double t = n / 8000.0;
    if (pattern == Pattern.RINGBACK) {
      return (t % 5.0) < 1.0 ? (int) (6000 * Math.sin(2 * Math.PI * 425 * t)) : 0;
    }
    // Two soft notes (E5, C5) alternating every 0.6 s, with a gentle fade in each note.
    double phase = t % 1.2;
    double frequency = phase < 0.6 ? 659.25 : 523.25;
    double envelope = Math.min(1.0, (phase % 0.6) * 10) * Math.max(0.2, 1 - (phase % 0.6));
    return (int) (4000 * envelope * Math.sin(2 * Math.PI * frequency * t));
  }

  /** Stops playing. Idempotent. */
  public void stop() {
    stopped = true;
    target.onMediaContext(() -> {
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
      }
    });
  }
}
