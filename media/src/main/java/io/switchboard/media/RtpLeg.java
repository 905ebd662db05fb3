package io.switchboard.media;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * One trunk leg's media: plain RTP/AVP on one local UDP port. Symmetric RTP (RFC 4961): once packets arrive, we
 * send to the address they come from, whatever the SDP said, which gets through carrier NATs.
 */
public interface RtpLeg extends RtpStream {

  /** The address and port to put in our SDP. */
  String localAddress();

  int localPort();

  /**
   * Where to send and what codec: from the carrier's SDP. Until then nothing is sent. May be called again (a
   * re-INVITE moving the media).
   *
   * @param codec the codec both sides agreed (with its telephone-event payload type, or -1)
   */
  void remote(String host, int port, AudioCodec codec);

  /** Receives RFC 4733 DTMF digits ('0'-'9', '*', '#', 'A'-'D'), once per event, on the media context. */
  void onDtmf(DtmfListener listener);

  /** Sends RFC 4733 events for a digit (about 100 ms, with the three end packets). */
  void sendDtmf(char digit);

  /** Counters: packets, bytes, drops by reason. */
  JsonObject debugState();

  /** Frees the port. Idempotent. */
  Future<Void> close();

  /** A DTMF digit arrived. */
  interface DtmfListener {
    void onDigit(char digit);
  }
}
