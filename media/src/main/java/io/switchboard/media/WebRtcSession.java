package io.switchboard.media;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** One browser's media session: ICE-lite, DTLS-SRTP, one audio stream each way. */
public interface WebRtcSession {

  /** Opaque id, also the session's local ICE username fragment. */
  String id();

  /** Our SDP answer to the browser's offer. */
  String answerSdp();

  /** The payload type and codec agreed for audio. */
  AudioCodec codec();

  /** Completes when ICE and DTLS are done and SRTP keys are in place; fails if the session closes before. */
  Future<Void> connected();

  /** Completes (never fails) with the reason once the session is closed and its resources are freed. */
  Future<CloseReason> closed();

  /**
   * Sends one RTP packet to the peer from this session's one continuous stream: the session rewrites SSRC,
   * sequence number and timestamp so the peer sees one source whatever we relay. Dropped (and counted) while not
   * connected. Media thread only; never blocks.
   *
   * @param payloadType RTP payload type to send with (the agreed codec's, or telephone-event's)
   * @param marker      RTP marker bit
   * @param timestampAdvance how far this packet's timestamp moves from the previous one, in clock ticks
   */
  void sendRtp(int payloadType, boolean marker, int timestampAdvance, byte[] payload, int offset, int length);

  /** Counters (packets, bytes, drops by reason) and state. */
  JsonObject debugState();

  /** Closes the session. Idempotent. */
  void close(CloseReason reason);
}
