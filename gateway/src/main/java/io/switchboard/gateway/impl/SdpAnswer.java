package io.switchboard.gateway.impl;

import io.switchboard.media.AudioCodec;
import java.util.List;

/** Builds our SDP answer (RFC 3264 §6) to a carrier's offer: the accepted audio line, every other line refused. */
final class SdpAnswer {

  private SdpAnswer() {
  }

  static String build(SdpOffer offer, String localAddress, int localPort, long sessionId, long version,
      SdpOffer.Direction direction) {
    AudioCodec codec = offer.codec();
    StringBuilder sdp = new StringBuilder(256)
        .append("v=0\r\n")
        .append("o=switchboard ").append(sessionId).append(' ').append(version).append(" IN IP4 ")
        .append(localAddress).append("\r\n")
        .append("s=switchboard\r\n")
        .append("c=IN IP4 ").append(localAddress).append("\r\n")
        .append("t=0 0\r\n");
    List<SdpOffer.MediaLine> lines = offer.mediaLines();
    for (int i = 0; i < lines.size(); i++) {
      SdpOffer.MediaLine m = lines.get(i);
      if (i != offer.audioIndex()) {
        // RFC 3264 §6: a refused stream is answered with port 0 and at least one of its formats.
        sdp.append("m=").append(m.media()).append(" 0 ").append(m.proto()).append(' ').append(m.formats().get(0))
            .append("\r\n");
        continue;
      }
      sdp.append("m=audio ").append(localPort).append(" RTP/AVP ").append(codec.payloadType());
      if (codec.dtmfPayloadType() >= 0) {
        sdp.append(' ').append(codec.dtmfPayloadType());
      }
      sdp.append("\r\n");
      sdp.append("a=rtpmap:").append(codec.payloadType()).append(' ').append(codec.name()).append("/8000\r\n");
      if (codec.dtmfPayloadType() >= 0) {
        sdp.append("a=rtpmap:").append(codec.dtmfPayloadType()).append(" telephone-event/8000\r\n");
        sdp.append("a=fmtp:").append(codec.dtmfPayloadType()).append(" 0-16\r\n");
      }
      sdp.append("a=ptime:20\r\n");
      sdp.append("a=").append(direction.attribute()).append("\r\n");
    }
    return sdp.toString();
  }
}
