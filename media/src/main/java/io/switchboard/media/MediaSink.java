package io.switchboard.media;

/**
 * Receives what a session's peer sends, after SRTP decryption. Called on the media thread: never block, never
 * throw. The buffer is only valid during the call; copy what you keep.
 */
public interface MediaSink {

  /**
   * One decrypted RTP packet.
   *
   * @param session the session it arrived on
   * @param packet  the whole RTP packet (header + payload)
   * @param offset  where the packet starts in {@code packet}
   * @param length  its length
   */
  void onRtp(WebRtcSession session, byte[] packet, int offset, int length);

  /** A sink that ignores everything. */
  MediaSink DISCARD = (session, packet, offset, length) -> { };
}
