package io.switchboard.media.impl.pipeline;

/** Why a packet went no further. The packet path never throws: it drops and counts one of these. */
public enum DropReason {
  UNKNOWN_KIND,
  STUN_MALFORMED,
  STUN_NOT_BINDING_REQUEST,
  STUN_UNKNOWN_USERNAME,
  STUN_BAD_INTEGRITY,
  FROM_UNVALIDATED_ADDRESS,
  DTLS_QUEUE_FULL,
  NOT_CONNECTED,
  SRTP_AUTH_FAIL,
  SRTP_REPLAY,
  SRTP_INVALID,
  SRTP_TOO_MANY_SSRCS,
  RTP_MALFORMED,
  SESSION_CLOSED
}
