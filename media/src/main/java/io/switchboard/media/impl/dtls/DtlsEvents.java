package io.switchboard.media.impl.dtls;

/** What the DTLS roles report up to their {@link DtlsSession}. Called on the DTLS worker thread. */
interface DtlsEvents {
  void alertReceived(short description);

  void alertRaised(short description, String message);
}
