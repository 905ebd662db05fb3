package io.switchboard.media;

import io.switchboard.media.impl.rtp.Rfc4733;
import io.switchboard.media.impl.rtp.RtpHeader;
import java.util.Objects;

/**
 * A stream whose received RFC 4733 telephone-events are reported as digits before its packets go on to whatever
 * sink is set (a bridge relays them as a trunk leg's would). For browser sessions that dial: a website caller
 * presses keys with {@code RTCDTMFSender}, which sends telephone-event packets (RFC 4733 §2.5), not audio tones.
 */
public final class DtmfTap implements RtpStream {
  private final RtpStream stream;
  private final RtpLeg.DtmfListener listener;
  /** Touched on the stream's media context only. */
  private final Rfc4733.Receiver receiver = new Rfc4733.Receiver();

  private DtmfTap(RtpStream stream, RtpLeg.DtmfListener listener) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Wraps {@code stream}: from now on every sink set through the returned stream sees the same packets, and the
   * listener hears each new event once, on the media context. Starts with {@link MediaSink#DISCARD}.
   */
  public static DtmfTap on(RtpStream stream, RtpLeg.DtmfListener listener) {
    DtmfTap tap = new DtmfTap(stream, listener);
    stream.onMediaContext(() -> tap.sink(MediaSink.DISCARD));
    return tap;
  }

  @Override
  public String id() {
    return stream.id();
  }

  @Override
  public AudioCodec codec() {
    return stream.codec();
  }

  @Override
  public void sendRtp(int payloadType, boolean marker, int timestampAdvance, byte[] payload, int offset,
      int length) {
    stream.sendRtp(payloadType, marker, timestampAdvance, payload, offset, length);
  }

  @Override
  public void sink(MediaSink sink) {
    MediaSink next = sink == null ? MediaSink.DISCARD : sink;
    stream.sink((source, packet, offset, length) -> {
      onPacket(packet, offset, length);
      next.onRtp(this, packet, offset, length);
    });
  }

  @Override
  public void onMediaContext(Runnable action) {
    stream.onMediaContext(action);
  }

  private void onPacket(byte[] packet, int offset, int length) {
    int dtmf = stream.codec().dtmfPayloadType();
    if (dtmf < 0 || RtpHeader.payloadType(packet, offset) != dtmf) {
      return;
    }
    int header = RtpHeader.headerLength(packet, offset, length);
    int payload = RtpHeader.payloadLength(packet, offset, length);
    if (header < 0 || payload < 0) {
      return;
    }
    char digit = receiver.onPacket(packet, offset + header, payload, RtpHeader.timestamp(packet, offset));
    if (digit != 0) {
      try {
        listener.onDigit(digit);
      } catch (RuntimeException e) {
        // A listener must not throw on the packet path; the digit is lost, not the stream.
      }
    }
  }
}
