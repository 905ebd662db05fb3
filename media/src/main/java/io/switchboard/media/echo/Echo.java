package io.switchboard.media.echo;

import io.switchboard.media.MediaSink;
import io.switchboard.media.RtpStream;
import io.switchboard.media.impl.rtp.RtpHeader;

/**
 * Sends back what the peer sends, as the session's own continuous stream: the agent hears themselves (the headset
 * check). Payload type and marker are kept; the timestamp advances as the peer's did, so the peer's jitter buffer
 * sees the same pacing it produced. One instance per session.
 */
public final class Echo implements MediaSink {
  private boolean started;
  private long lastTimestamp;

  private Echo() {
  }

  /** A new echo for one session. */
  public static MediaSink create() {
    return new Echo();
  }

  @Override
  public void onRtp(RtpStream session, byte[] packet, int offset, int length) {
    int headerLength = RtpHeader.headerLength(packet, offset, length);
    int payloadLength = RtpHeader.payloadLength(packet, offset, length);
    if (headerLength < 0 || payloadLength < 0) {
      return;
    }
    long timestamp = RtpHeader.timestamp(packet, offset);
    int advance = started ? (int) ((timestamp - lastTimestamp) & 0xffffffffL) : 0;
    started = true;
    lastTimestamp = timestamp;
    session.sendRtp(RtpHeader.payloadType(packet, offset), RtpHeader.marker(packet, offset), advance,
        packet, offset + headerLength, payloadLength);
  }
}
