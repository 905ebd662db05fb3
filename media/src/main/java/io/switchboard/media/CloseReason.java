package io.switchboard.media;

/** Why a media session ended. */
public enum CloseReason {
  /** Closed by our side on purpose (hang-up, API call, shutdown). */
  LOCAL,
  /** The peer sent a DTLS close_notify. */
  PEER_CLOSED,
  /** RFC 7675: no consent check from the peer for the consent timeout. */
  CONSENT_EXPIRED,
  /** ICE + DTLS did not complete within the connect timeout. */
  CONNECT_TIMEOUT,
  /** The DTLS handshake failed (including a certificate that does not match the SDP fingerprint). */
  DTLS_FAILED,
  /** The endpoint is shutting down. */
  SHUTDOWN
}
