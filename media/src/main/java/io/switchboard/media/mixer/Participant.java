package io.switchboard.media.mixer;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.MediaSink;
import io.switchboard.media.RtpStream;
import io.switchboard.media.codec.G711;
import io.switchboard.media.impl.rtp.RtpHeader;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;

/**
 * One stream in a {@link Mixer}: its voice (a FIFO of decoded samples, filled from any thread by {@link #offer}) and,
 * as a listener, the voices it hears. Created by {@link Mixer#join}.
 */
public final class Participant {
  private static final int FIFO_SAMPLES = Mixer.FRAME * 8;

  private final RtpStream stream;
  private volatile Mixer mixer;
  private final short[] fifo = new short[FIFO_SAMPLES];
  private int head;
  private int size;
  private long overflowed;
  private long trimmed;
  // Tick only.
  private final short[] frame = new short[Mixer.FRAME];
  private boolean hasFrame;
  private volatile List<Participant> heard;
  private volatile boolean paused;
  private volatile boolean marker = true;

  Participant(Mixer mixer, RtpStream stream) {
    this.mixer = mixer;
    this.stream = stream;
  }

  public RtpStream stream() {
    return stream;
  }

  Mixer mixer() {
    return mixer;
  }

  /** One G.711 payload of this participant's voice. Packet path: copies into the FIFO, never blocks for long. */
  public synchronized void offer(byte[] payload, int offset, int length, boolean ulaw) {
    if (mixer == null) {
      return;
    }
    for (int i = 0; i < length; i++) {
      if (size == FIFO_SAMPLES) {
        head = (head + 1) % FIFO_SAMPLES; // full: the oldest sample goes
        size--;
        overflowed++;
      }
      byte b = payload[offset + i];
      fifo[(head + size) % FIFO_SAMPLES] = ulaw ? G711.ulawToLinear(b) : G711.alawToLinear(b);
      size++;
    }
  }

  /**
   * A sink that feeds this voice with the audio its stream receives (telephone-events and other payload types are
   * skipped): for a stream only the mixer connects, such as a supervisor's session.
   */
  public MediaSink voiceSink() {
    return (source, packet, offset, length) -> {
      AudioCodec codec = source.codec();
      int headerLength = RtpHeader.headerLength(packet, offset, length);
      int payloadLength = RtpHeader.payloadLength(packet, offset, length);
      if (codec != null && headerLength >= 0 && payloadLength > 0
          && RtpHeader.payloadType(packet, offset) == codec.payloadType()) {
        offer(packet, offset + headerLength, payloadLength, codec.name().equals("PCMU"));
      }
    };
  }

  /**
   * What this participant hears from the mixer: the sum of these voices (its own is always left out). {@code null}:
   * the mixer sends it nothing, and its stream keeps whatever else feeds it. An empty list: silence from the mixer.
   */
  public void hears(Collection<Participant> voices) {
    boolean wasMixed = heard != null;
    heard = voices == null ? null : List.copyOf(voices);
    if (!wasMixed && heard != null) {
      marker = true; // RFC 3551 §4.1: the first packet of a talkspurt; the mixer's output starts here
    }
  }

  /** Whether the mixer sends this participant's stream its audio (so nothing else should). */
  public boolean mixed() {
    return heard != null && mixer != null;
  }

  /** While paused the mixer sends it nothing (the caller on hold hears music from elsewhere); its voice goes on. */
  public void pause(boolean on) {
    paused = on;
  }

  /** Leaves the mixer: no longer heard, sent nothing. Idempotent. */
  public void leave() {
    Mixer m = mixer;
    mixer = null;
    heard = null;
    if (m != null) {
      m.leave(this);
    }
  }

  // ---- for the mixer's tick

  List<Participant> heard() {
    return mixer == null ? null : heard;
  }

  boolean paused() {
    return paused;
  }

  boolean takeMarker() {
    boolean m = marker;
    marker = false;
    return m;
  }

  boolean hasFrame() {
    return hasFrame;
  }

  void addFrameTo(int[] sum) {
    for (int i = 0; i < Mixer.FRAME; i++) {
      sum[i] += frame[i];
    }
  }

  /** Moves one frame from the FIFO (silence when it has less), trimming a backlog the clock cannot catch up with. */
  synchronized void takeFrame() {
    int max = Mixer.FRAME * Mixer.MAX_BACKLOG_FRAMES;
    if (size > max) {
      int drop = size - Mixer.FRAME * 2;
      head = (head + drop) % FIFO_SAMPLES;
      size -= drop;
      trimmed += drop;
    }
    if (size < Mixer.FRAME) {
      hasFrame = false;
      return;
    }
    for (int i = 0; i < Mixer.FRAME; i++) {
      frame[i] = fifo[(head + i) % FIFO_SAMPLES];
    }
    head = (head + Mixer.FRAME) % FIFO_SAMPLES;
    size -= Mixer.FRAME;
    hasFrame = true;
  }

  /** What it hears (how many voices), its FIFO and what the FIFO dropped. */
  public synchronized JsonObject debugState() {
    List<Participant> h = heard;
    return new JsonObject().put("stream", stream.id()).put("mixed", h != null).put("hears", h == null ? 0 : h.size())
        .put("paused", paused).put("bufferedSamples", size).put("overflowedSamples", overflowed)
        .put("trimmedSamples", trimmed);
  }
}
