package io.switchboard.media;

/**
 * Receives what a stream's peer sends (after SRTP decryption for WebRTC). Called on the media thread: never block, never
 * throw. The buffer is only valid during the call; copy what you keep.
 */
public interface MediaSink {

  /**
   * One decrypted RTP packet.
   *
   * @param source  the stream it arrived on
   * @param packet  the whole RTP packet (header + payload)
   * @param offset  where the packet starts in {@code packet}
   * @param length  its length
   */
  void onRtp(RtpStream source, byte[] packet, int offset, int length);

  /** A sink that ignores everything. */
  MediaSink DISCARD = (session, packet, offset, length) -> { };
}
