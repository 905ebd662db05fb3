package io.switchboard.gateway.impl;

/**
 * The SDP offer of our outbound INVITEs (RFC 3264 §5): one RTP/AVP audio line on our trunk RTP port with PCMU,
 * PCMA and telephone-event, so the carrier can answer with either G.711 law and RFC 4733 DTMF.
 */
final class SdpLocalOffer {

  /** RFC 3551 static payload types 0 (PCMU) and 8 (PCMA); 101 is the customary dynamic type for DTMF. */
  static final int TELEPHONE_EVENT = 101;

  private SdpLocalOffer() {
  }

  static String build(String localAddress, int localPort, long sessionId, long version) {
    return "v=0\r\n"
        + "o=switchboard " + sessionId + " " + version + " IN IP4 " + localAddress + "\r\n"
        + "s=switchboard\r\n"
        + "c=IN IP4 " + localAddress + "\r\n"
        + "t=0 0\r\n"
        + "m=audio " + localPort + " RTP/AVP 0 8 " + TELEPHONE_EVENT + "\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:" + TELEPHONE_EVENT + " telephone-event/8000\r\n"
        + "a=fmtp:" + TELEPHONE_EVENT + " 0-16\r\n"
        + "a=ptime:20\r\n"
        + "a=sendrecv\r\n";
  }
}
