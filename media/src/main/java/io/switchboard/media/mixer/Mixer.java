package io.switchboard.media.mixer;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.RtpStream;
import io.switchboard.media.codec.G711;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A conference stage of the media pipeline: every {@link Participant} is a voice (G.711 frames it is given) and may be
 * a listener (a stream the mixer sends to). Once per 20 ms tick each voice yields one frame, decoded to linear PCM;
 * each listener gets the sum of the voices it {@linkplain Participant#hears hears}, never its own, clipped to 16 bits
 * (ITU-T G.711 covers ±32767 after decoding) and encoded in the listener's own law, sent as the listener stream's one
 * continuous source. A participant that hears nothing from the mixer ({@code hears(null)}) is left alone: whatever
 * else feeds its stream (the bridge's pass-through relay) goes on, so adding a silent listener to a two-party call
 * changes nothing of what the two hear.
 *
 * <p>Voices arrive on their streams' media contexts ({@link Participant#offer}); the clock runs on the first
 * stream's context. Each voice is a small sample FIFO in between, so packet timing and clock need not line up; a
 * FIFO that grows past {@value #MAX_BACKLOG_FRAMES} frames (a sender faster than our clock) is trimmed, which bounds
 * the added delay. Per tick: no allocation, no blocking, nothing thrown.
 */
public final class Mixer {
  /** Samples in one tick: 20 ms at 8 kHz. */
  public static final int FRAME = AudioCodec.SAMPLES_PER_PACKET;
  static final int MAX_BACKLOG_FRAMES = 3;

  private final List<Participant> participants = new CopyOnWriteArrayList<>();
  private final int[] sum = new int[FRAME];
  private final byte[] encoded = new byte[FRAME];
  private Vertx vertx;
  private RtpStream clock;
  private long timerId = -1;
  private volatile boolean closed;
  private long ticks;
  private long framesSent;

  private Mixer() {
  }

  /** A mixer without a clock: {@link #tick()} by hand (tests, or a caller that owns the timing). */
  public static Mixer unclocked() {
    return new Mixer();
  }

  /** A mixer ticking every 20 ms on {@code clock}'s media context until {@link #close()}. */
  public static Mixer start(Vertx vertx, RtpStream clock) {
    Mixer mixer = new Mixer();
    mixer.vertx = vertx;
    mixer.clock = clock;
    clock.onMediaContext(() -> {
      if (!mixer.closed) {
        mixer.timerId = vertx.setPeriodic(FRAME * 1000L / AudioCodec.CLOCK_RATE, id -> mixer.tick());
      }
    });
    return mixer;
  }

  /** Adds a stream: a voice at once (fed by {@link Participant#offer}), a listener once it is told what it hears. */
  public Participant join(RtpStream stream) {
    Participant p = new Participant(this, stream);
    if (!closed) {
      participants.add(p);
    }
    return p;
  }

  void leave(Participant p) {
    participants.remove(p);
  }

  public List<Participant> participants() {
    return List.copyOf(participants);
  }

  /** Mixes one frame for every listener. Called by the clock; safe to call by hand on an unclocked mixer. */
  public void tick() {
    if (closed) {
      return;
    }
    ticks++;
    for (Participant voice : participants) {
      voice.takeFrame();
    }
    for (Participant listener : participants) {
      List<Participant> heard = listener.heard();
      if (heard == null || listener.paused()) {
        continue;
      }
      AudioCodec codec = listener.stream().codec();
      if (codec == null) {
        continue;
      }
      java.util.Arrays.fill(sum, 0);
      for (Participant voice : heard) {
        // Never their own voice, and only voices still in the conference.
        if (voice != listener && voice.mixer() == this && voice.hasFrame()) {
          voice.addFrameTo(sum);
        }
      }
      boolean ulaw = codec.name().equals("PCMU");
      for (int i = 0; i < FRAME; i++) {
        int s = sum[i];
        s = s > Short.MAX_VALUE ? Short.MAX_VALUE : Math.max(s, Short.MIN_VALUE);
        encoded[i] = ulaw ? G711.linearToUlaw(s) : G711.linearToAlaw(s);
      }
      listener.stream().sendRtp(codec.payloadType(), listener.takeMarker(), FRAME, encoded, 0, FRAME);
      framesSent++;
    }
  }

  /** Stops the clock; every participant leaves. Idempotent. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Participant p : participants) {
      p.leave();
    }
    if (clock != null) {
      clock.onMediaContext(() -> {
        if (timerId >= 0) {
          vertx.cancelTimer(timerId);
          timerId = -1;
        }
      });
    }
  }

  public boolean closed() {
    return closed;
  }

  /** Ticks, frames sent, and per participant what it hears and what its FIFO dropped. */
  public JsonObject debugState() {
    JsonArray ps = new JsonArray();
    for (Participant p : participants) {
      ps.add(p.debugState());
    }
    return new JsonObject().put("ticks", ticks).put("framesSent", framesSent).put("closed", closed)
        .put("participants", ps);
  }
}
