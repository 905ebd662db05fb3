package io.switchboard.media.echo;

import io.switchboard.media.MediaSink;
import io.switchboard.media.WebRtcSession;

/**
 * Sends back what the peer sends, as the session's own continuous stream: the agent hears themselves (the headset
 * check). One instance per session.
 */
public final class Echo implements MediaSink {
  private boolean started;
  private long lastTimestamp;

  /** A new echo for one session. */
  public static MediaSink create() {
    return new Echo();
  }

  @Override
  public void onRtp(WebRtcSession session, byte[] packet, int offset, int length) {
    int cc = packet[offset] & 0x0f;
    boolean extension = (packet[offset] & 0x10) != 0;
    int headerLength = 12 + 4 * cc;
    if (extension) {
      if (length < headerLength + 4) {
        return;
      }
      int words = ((packet[offset + headerLength + 2] & 0xff) << 8) | (packet[offset + headerLength + 3] & 0xff);
      headerLength += 4 + 4 * words;
    }
    int padding = (packet[offset] & 0x20) != 0 ? packet[offset + length - 1] & 0xff : 0;
    int payloadLength = length - headerLength - padding;
    if (payloadLength < 0) {
      return;
    }
    boolean marker = (packet[offset + 1] & 0x80) != 0;
    int payloadType = packet[offset + 1] & 0x7f;
    long timestamp = ((packet[offset + 4] & 0xffL) << 24) | ((packet[offset + 5] & 0xffL) << 16)
        | ((packet[offset + 6] & 0xffL) << 8) | (packet[offset + 7] & 0xffL);
    int advance = started ? (int) ((timestamp - lastTimestamp) & 0xffffffffL) : 0;
    started = true;
    lastTimestamp = timestamp;
    session.sendRtp(payloadType, marker, advance, packet, offset + headerLength, payloadLength);
  }
}
