package io.switchboard.media;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** One browser's media session: ICE-lite, DTLS-SRTP, one audio stream each way. */
public interface WebRtcSession extends RtpStream {

  /** Opaque id, also the session's local ICE username fragment. */
  @Override
  String id();

  /** Our SDP answer to the browser's offer. */
  String answerSdp();

  /** Completes when ICE and DTLS are done and SRTP keys are in place; fails if the session closes before. */
  Future<Void> connected();

  /** Completes (never fails) with the reason once the session is closed and its resources are freed. */
  Future<CloseReason> closed();

  /** Counters (packets, bytes, drops by reason) and state. */
  JsonObject debugState();

  /** Closes the session. Idempotent. */
  void close(CloseReason reason);
}
