package io.switchboard.media.bridge;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.MediaSink;
import io.switchboard.media.RtpStream;
import io.switchboard.media.codec.G711;
import io.switchboard.media.impl.rtp.RtpHeader;
import io.switchboard.media.mixer.Mixer;
import io.switchboard.media.mixer.Participant;
import io.switchboard.media.recording.CallRecorder;
import io.vertx.core.Vertx;

/**
 * Connects a caller's stream and an agent's stream both ways: payloads are relayed without transcoding (µ-law ⇄
 * A-law by table when the two sides agreed different laws), DTMF events are passed on, and each direction is tapped
 * into the recorder (caller left, agent right) without waiting for it. Each stream keeps its own continuous RTP
 * source, so switching a bridge in and out of an agent's long-lived session never confuses the browser.
 *
 * <p>Third parties (a supervisor) come in through {@link #mix}: both sides then also feed a {@link Mixer} as voices,
 * and a side the mixer sends to (it {@linkplain Participant#hears hears} more than its partner) stops receiving the
 * relay. A side nobody changed keeps the untouched pass-through; without a mixer nothing here decodes a byte.
 */
public final class Bridge {
  private final RtpStream caller;
  private final RtpStream agent;
  private final Direction toAgent;
  private final Direction toCaller;
  private volatile boolean callerHeld;
  private volatile boolean agentMuted;
  private volatile boolean closed;
  /** Set while third parties are mixed in; read on both media contexts. */
  private volatile Mixing mixing;

  /** The mixer and the two sides' places in it. */
  private record Mixing(Mixer mixer, Participant caller, Participant agent) {
  }

  private Bridge(RtpStream caller, RtpStream agent, CallRecorder recorder) {
    this.caller = caller;
    this.agent = agent;
    this.toAgent = new Direction(agent, recorder, true);
    this.toCaller = new Direction(caller, recorder, false);
  }

  /** Points each stream's sink at the other. */
  public static Bridge connect(RtpStream caller, RtpStream agent, CallRecorder recorder) {
    Bridge bridge = new Bridge(caller, agent, recorder);
    caller.onMediaContext(() -> caller.sink(bridge.toAgent));
    agent.onMediaContext(() -> agent.sink(bridge.toCaller));
    return bridge;
  }

  /** While held, neither side hears the other (the caller hears whatever the owner plays, e.g. music). */
  public void hold(boolean on) {
    callerHeld = on;
    Mixing m = mixing;
    if (m != null) {
      m.caller().pause(on);
    }
  }

  /**
   * Starts mixing (idempotent): a mixer clocked on the caller's stream, with the caller and the agent joined as
   * voices that hear nothing from it yet, so the relay goes on as before until someone changes what a side hears.
   * Join third parties to the returned mixer; {@link #callerVoice()} and {@link #agentVoice()} are the two sides.
   */
  public synchronized Mixer mix(Vertx vertx) {
    return mixing != null ? mixing.mixer() : mix(Mixer.start(vertx, caller));
  }

  /** As {@link #mix(Vertx)}, with a mixer the caller clocks (an unclocked one in tests); ignored when mixing. */
  public synchronized Mixer mix(Mixer mixer) {
    Mixing m = mixing;
    if (m == null) {
      m = new Mixing(mixer, mixer.join(caller), mixer.join(agent));
      m.caller().pause(callerHeld);
      mixing = m;
    } else if (m.mixer() != mixer) {
      mixer.close();
    }
    return m.mixer();
  }

  /** The caller in the mixer, or null when not mixing. */
  public Participant callerVoice() {
    Mixing m = mixing;
    return m == null ? null : m.caller();
  }

  /** The agent in the mixer, or null when not mixing. */
  public Participant agentVoice() {
    Mixing m = mixing;
    return m == null ? null : m.agent();
  }

  /** Stops mixing: the mixer closes and the two sides hear each other by the plain relay again. Idempotent. */
  public synchronized void unmix() {
    Mixing m = mixing;
    mixing = null;
    if (m != null) {
      m.mixer().close();
    }
  }

  /** While muted, the caller does not hear the agent. */
  public void muteAgent(boolean on) {
    agentMuted = on;
  }

  public boolean held() {
    return callerHeld;
  }

  /** Stops relaying; both sinks go back to discarding. Idempotent. */
  public void disconnect() {
    if (closed) {
      return;
    }
    closed = true;
    unmix();
    caller.onMediaContext(() -> caller.sink(MediaSink.DISCARD));
    agent.onMediaContext(() -> agent.sink(MediaSink.DISCARD));
  }

  /** One direction of the relay. State touched only on the source stream's media context. */
  private final class Direction implements MediaSink {
    private final RtpStream target;
    private final CallRecorder recorder;
    private final boolean fromCaller;
    private boolean started;
    private boolean resync;
    private long lastTimestamp;
    private byte[] converted = new byte[320];

    Direction(RtpStream target, CallRecorder recorder, boolean fromCaller) {
      this.target = target;
      this.recorder = recorder;
      this.fromCaller = fromCaller;
    }

    @Override
    public void onRtp(RtpStream source, byte[] packet, int offset, int length) {
      int headerLength = RtpHeader.headerLength(packet, offset, length);
      int payloadLength = RtpHeader.payloadLength(packet, offset, length);
      AudioCodec from = source.codec();
      AudioCodec to = target.codec();
      if (headerLength < 0 || payloadLength < 0 || from == null || to == null || closed) {
        return;
      }
      long timestamp = RtpHeader.timestamp(packet, offset);
      int advance = started ? (int) ((timestamp - lastTimestamp) & 0xffffffffL) : AudioCodec.SAMPLES_PER_PACKET;
      started = true;
      lastTimestamp = timestamp;
      int payloadType = RtpHeader.payloadType(packet, offset);
      int payloadOffset = offset + headerLength;
      if (payloadType == from.payloadType()) {
        boolean ulaw = from.name().equals("PCMU");
        if (recorder != null) {
          if (fromCaller) {
            recorder.caller(packet, payloadOffset, payloadLength, ulaw);
          } else if (!agentMuted) {
            recorder.agent(packet, payloadOffset, payloadLength, ulaw);
          }
        }
        if (callerHeld || (!fromCaller && agentMuted)) {
          return;
        }
        Mixing m = mixing;
        if (m != null) {
          (fromCaller ? m.caller() : m.agent()).offer(packet, payloadOffset, payloadLength, ulaw);
          if ((fromCaller ? m.agent() : m.caller()).mixed()) {
            resync = true; // the mixer speaks to the target now
            return;
          }
        }
        boolean marker = RtpHeader.marker(packet, offset);
        if (resync) {
          // Back from the mixer: the target's stream moved on with it; continue 20 ms on, a new talkspurt.
          resync = false;
          advance = AudioCodec.SAMPLES_PER_PACKET;
          marker = true;
        }
        if (from.name().equals(to.name())) {
          target.sendRtp(to.payloadType(), marker, advance, packet, payloadOffset, payloadLength);
        } else {
          if (converted.length < payloadLength) {
            converted = new byte[payloadLength];
          }
          for (int i = 0; i < payloadLength; i++) {
            byte b = packet[payloadOffset + i];
            converted[i] = ulaw ? G711.ulawToAlaw(b) : G711.alawToUlaw(b);
          }
          target.sendRtp(to.payloadType(), marker, advance, converted, 0, payloadLength);
        }
      } else if (payloadType == from.dtmfPayloadType() && to.dtmfPayloadType() >= 0 && !callerHeld
          && !targetMixed()) {
        target.sendRtp(to.dtmfPayloadType(), RtpHeader.marker(packet, offset), advance, packet, payloadOffset,
            payloadLength);
      }
    }

    /** Telephone-events are not mixed: a target the mixer feeds does not get them relayed either. */
    private boolean targetMixed() {
      Mixing m = mixing;
      return m != null && (fromCaller ? m.agent() : m.caller()).mixed();
    }
  }
}
