package io.switchboard.media.bridge;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.MediaSink;
import io.switchboard.media.RtpStream;
import io.switchboard.media.codec.G711;
import io.switchboard.media.impl.rtp.RtpHeader;
import io.switchboard.media.recording.CallRecorder;

/**
 * Connects a caller's stream and an agent's stream both ways: payloads are relayed without transcoding (µ-law ⇄
 * A-law by table when the two sides agreed different laws), DTMF events are passed on, and each direction is tapped
 * into the recorder (caller left, agent right) without waiting for it. Each stream keeps its own continuous RTP
 * source, so switching a bridge in and out of an agent's long-lived session never confuses the browser.
 */
public final class Bridge {
  private final RtpStream caller;
  private final RtpStream agent;
  private final Direction toAgent;
  private final Direction toCaller;
  private volatile boolean callerHeld;
  private volatile boolean agentMuted;
  private volatile boolean closed;

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
    caller.onMediaContext(() -> caller.sink(MediaSink.DISCARD));
    agent.onMediaContext(() -> agent.sink(MediaSink.DISCARD));
  }

  /** One direction of the relay. State touched only on the source stream's media context. */
  private final class Direction implements MediaSink {
    private final RtpStream target;
    private final CallRecorder recorder;
    private final boolean fromCaller;
    private boolean started;
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
        boolean marker = RtpHeader.marker(packet, offset);
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
      } else if (payloadType == from.dtmfPayloadType() && to.dtmfPayloadType() >= 0 && !callerHeld) {
        target.sendRtp(to.dtmfPayloadType(), RtpHeader.marker(packet, offset), advance, packet, payloadOffset,
            payloadLength);
      }
    }
  }
}
