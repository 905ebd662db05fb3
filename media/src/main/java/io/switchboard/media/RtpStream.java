package io.switchboard.media;

/**
 * One side of a bridge: a media stream we receive from and send to, whether a browser's WebRTC session or a trunk
 * leg's plain RTP. Calls are built by pointing one stream's sink at the other.
 */
public interface RtpStream {

  /** Opaque id, unique on this node. */
  String id();

  /** The codec agreed with the peer. */
  AudioCodec codec();

  /**
   * Sends one RTP payload to the peer from this stream's one continuous source: the stream owns SSRC, sequence
   * number and timestamp, so the peer sees one source whatever we relay. Dropped (and counted) while the stream
   * cannot send. Call on the media context only; never blocks.
   *
   * @param payloadType      RTP payload type to send with (the codec's, or telephone-event's)
   * @param marker           RTP marker bit
   * @param timestampAdvance how far this packet's timestamp moves from the previous one, in 8 kHz ticks
   */
  void sendRtp(int payloadType, boolean marker, int timestampAdvance, byte[] payload, int offset, int length);

  /** Where received media goes from now on (switching a call in or out); {@link MediaSink#DISCARD} to mute. */
  void sink(MediaSink sink);

  /** Runs {@code action} on the context that owns this stream's packets (hop there before touching sinks). */
  void onMediaContext(Runnable action);
}
