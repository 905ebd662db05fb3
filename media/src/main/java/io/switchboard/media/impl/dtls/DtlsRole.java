package io.switchboard.media.impl.dtls;

/** Which side of the DTLS handshake we take (RFC 5763 §5: the a=setup answer decides). */
public enum DtlsRole {
  /** a=setup:passive — we wait for the peer's ClientHello. */
  SERVER,
  /** a=setup:active — we send the ClientHello. */
  CLIENT
}
