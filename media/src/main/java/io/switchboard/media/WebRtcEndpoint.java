package io.switchboard.media;

import io.switchboard.media.impl.WebRtcEndpointImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The server's WebRTC media endpoint: one UDP port shared by every browser session (ICE-lite, DTLS-SRTP,
 * PCMU/PCMA + telephone-event, rtcp-mux). Sessions are created from a browser's SDP offer.
 */
public interface WebRtcEndpoint {

  /** Binds the UDP port and starts serving. */
  static Future<WebRtcEndpoint> create(Vertx vertx, WebRtcConfig config) {
    return WebRtcEndpointImpl.start(vertx, config);
  }

  /**
   * Answers a browser's SDP offer with a new session. The session's media is handed to {@code sink}.
   *
   * @throws SdpException when the offer is malformed or offers nothing we can use; nothing is created then
   */
  WebRtcSession accept(String offerSdp, MediaSink sink) throws SdpException;

  Optional<WebRtcSession> session(String id);

  int sessionCount();

  /** The UDP port actually bound (useful when configured as 0). */
  int localPort();

  /** Counters of dropped packets by reason, sessions, and each session's state. */
  JsonObject debugState();

  /** Closes every session and the socket. Idempotent. */
  Future<Void> close();
}
