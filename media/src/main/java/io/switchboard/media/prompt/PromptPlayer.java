package io.switchboard.media.prompt;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.RtpStream;
import io.switchboard.media.codec.G711;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Plays clips one after the other into a stream, in real time, 20 ms a packet, encoded with the stream's codec
 * (PCMU or PCMA). Runs on the stream's media context, like {@code TonePlayer}.
 *
 * <p>No drift: packet {@code k} is due {@code k × 20 ms} after the first, measured on {@link System#nanoTime}, and
 * each wake-up sends every packet that is due, then sets a one-shot timer for the next one. Vert.x timer jitter
 * therefore never accumulates. If the event loop stalled for longer than {@link #MAX_BURST} packets, the late
 * audio is not burst out all at once: the schedule moves on instead (the caller hears a gap, the words are all
 * there and the RTP timestamps stay contiguous, so the peer's jitter buffer sees a late, not lost, talkspurt).
 *
 * <p>RTP: the stream owns SSRC, sequence and timestamp; every packet advances the timestamp by 160 (8 kHz ticks), the
 * first packet carries the marker bit (RFC 3551 §4.1: first packet of a talkspurt after silence). The clips are
 * played back to back as one talkspurt; the last packet is padded with silence.
 *
 * <p>Packets sent while the stream has no codec yet are skipped in time (as if lost), never queued.
 */
public final class PromptPlayer {
  /** Most packets sent in one wake-up to catch up after a stall (60 ms): a jitter buffer absorbs that, not more. */
  static final int MAX_BURST = 3;
  private static final long PACKET_NANOS = 20_000_000L;

  private final Vertx vertx;
  private final RtpStream target;
  private final List<Clip> clips;
  private final int packets;
  private final byte[] payload = new byte[AudioCodec.SAMPLES_PER_PACKET];
  private final Promise<Void> done = Promise.promise();
  private long startNanos;
  private volatile int sent;
  private boolean talking;
  /** Read position: the clip and the sample in it where the next packet starts. */
  private int clipIndex;
  private int clipOffset;
  private long timerId = -1;
  private volatile boolean stopped;

  private PromptPlayer(Vertx vertx, RtpStream target, List<Clip> clips) {
    this.vertx = vertx;
    this.target = target;
    this.clips = clips;
    long total = 0;
    for (Clip clip : clips) {
      total += clip.samples().length;
    }
    this.packets = (int) ((total + AudioCodec.SAMPLES_PER_PACKET - 1) / AudioCodec.SAMPLES_PER_PACKET);
  }

  /**
   * Starts playing {@code clips} to {@code target} at once (on its media context). May be called from any thread.
   * An empty list completes {@link #done()} at once.
   */
  public static PromptPlayer play(Vertx vertx, RtpStream target, List<Clip> clips) {
    PromptPlayer player = new PromptPlayer(vertx, target, List.copyOf(clips));
    target.onMediaContext(player::begin);
    return player;
  }

  /** Completes when the last packet has been sent, or when {@link #stop()} took effect. Never fails. */
  public Future<Void> done() {
    return done.future();
  }

  /** Stops at once (barge-in: the caller pressed a key). Idempotent; may be called from any thread. */
  public void stop() {
    stopped = true;
    target.onMediaContext(this::finish);
  }

  /** Packets sent so far (counting those skipped while the stream had no codec). */
  public int packetsSent() {
    return sent;
  }

  /** Packets the whole playlist takes. */
  public int packetsTotal() {
    return packets;
  }

  private void begin() {
    if (stopped || packets == 0) {
      finish();
      return;
    }
    startNanos = System.nanoTime();
    pump();
  }

  private void pump() {
    timerId = -1;
    if (stopped) {
      return;
    }
    long now = System.nanoTime();
    int due = (int) Math.min(packets, (now - startNanos) / PACKET_NANOS + 1);
    if (due - sent > MAX_BURST) {
      // A stall: move the schedule on so that the packets from here on are due from now.
      startNanos += (due - sent - MAX_BURST) * PACKET_NANOS;
      due = sent + MAX_BURST;
    }
    AudioCodec codec = target.codec();
    while (sent < due) {
      fill(codec);
      if (codec != null) {
        // RFC 3551 §4.1: the marker goes on the first packet the peer gets after silence.
        target.sendRtp(codec.payloadType(), !talking, AudioCodec.SAMPLES_PER_PACKET, payload, 0, payload.length);
        talking = true;
      }
      sent++;
    }
    if (sent >= packets) {
      finish();
      return;
    }
    long nextDue = startNanos + sent * PACKET_NANOS;
    long delayMillis = Math.max(1, (nextDue - System.nanoTime() + 999_999) / 1_000_000);
    timerId = vertx.setTimer(delayMillis, id -> pump());
  }

  /** Encodes the next 160 samples (across clip boundaries, silence after the last) into {@link #payload}. */
  private void fill(AudioCodec codec) {
    boolean ulaw = codec != null && codec.name().equals("PCMU");
    for (int i = 0; i < payload.length; i++) {
      while (clipIndex < clips.size() && clipOffset >= clips.get(clipIndex).samples().length) {
        clipIndex++;
        clipOffset = 0;
      }
      int s = 0;
      if (clipIndex < clips.size()) {
        s = clips.get(clipIndex).samples()[clipOffset++];
      }
      payload[i] = ulaw ? G711.linearToUlaw(s) : G711.linearToAlaw(s);
    }
  }

  private void finish() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    stopped = true;
    done.tryComplete();
  }
}
