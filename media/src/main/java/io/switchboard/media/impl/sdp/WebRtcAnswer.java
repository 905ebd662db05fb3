package io.switchboard.media.impl.sdp;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.impl.dtls.DtlsRole;
import io.switchboard.media.impl.dtls.Fingerprint;
import java.util.List;

/**
 * Writes our SDP answer to a browser's offer (RFC 8829 §5.3): every offered section answered in order, only the
 * audio section accepted; ICE-lite (RFC 8445 §2.5) with host candidates on the one shared port; DTLS role from
 * a=setup (RFC 5763 §5); rtcp-mux; the chosen G.711 codec and telephone-event.
 */
public final class WebRtcAnswer {
  private WebRtcAnswer() {
  }

  public static String write(PeerDescription offer, String iceUfrag, String icePwd, Fingerprint fingerprint,
      DtlsRole role, AudioCodec codec, long ssrc, List<String> addresses, int port) {
    String nl = "\r\n";
    String first = addresses.get(0);
    StringBuilder sdp = new StringBuilder(1024);
    sdp.append("v=0").append(nl)
        .append("o=- ").append(Math.abs(ssrc * 7919L) % 1_000_000_000_000L).append(" 1 IN ")
        .append(addressType(first)).append(' ').append(first).append(nl)
        .append("s=Switchboard").append(nl)
        .append("t=0 0").append(nl);
    if (offer.bundled()) {
      sdp.append("a=group:BUNDLE ").append(offer.mid()).append(nl);
    }
    sdp.append("a=ice-lite").append(nl)
        .append("a=msid-semantic: WMS switchboard").append(nl);
    List<MediaDescription> sections = offer.sdp().media();
    for (int i = 0; i < sections.size(); i++) {
      MediaDescription m = sections.get(i);
      if (i != offer.audioIndex()) {
        // RFC 8866 §5.14 / RFC 3264 §6: a rejected section keeps its place with port 0.
        sdp.append("m=").append(m.type()).append(" 0 ").append(m.protocol()).append(' ')
            .append(String.join(" ", m.formats())).append(nl)
            .append("c=IN IP4 0.0.0.0").append(nl);
        m.attribute("mid").ifPresent(mid -> sdp.append("a=mid:").append(mid).append(nl));
        sdp.append("a=inactive").append(nl);
        continue;
      }
      sdp.append("m=audio ").append(port).append(' ').append(m.protocol()).append(' ')
          .append(codec.payloadType());
      if (codec.dtmfPayloadType() >= 0) {
        sdp.append(' ').append(codec.dtmfPayloadType());
      }
      sdp.append(nl)
          .append("c=IN ").append(addressType(first)).append(' ').append(first).append(nl);
      if (offer.mid() != null) {
        sdp.append("a=mid:").append(offer.mid()).append(nl);
      }
      sdp.append("a=ice-ufrag:").append(iceUfrag).append(nl)
          .append("a=ice-pwd:").append(icePwd).append(nl)
          .append("a=fingerprint:").append(fingerprint).append(nl)
          .append("a=setup:").append(role == DtlsRole.SERVER ? "passive" : "active").append(nl)
          .append("a=").append(answerDirection(offer.direction())).append(nl)
          .append("a=rtcp-mux").append(nl)
          .append("a=rtpmap:").append(codec.payloadType()).append(' ').append(codec.name()).append("/8000")
          .append(nl);
      if (codec.dtmfPayloadType() >= 0) {
        sdp.append("a=rtpmap:").append(codec.dtmfPayloadType()).append(" telephone-event/8000").append(nl)
            .append("a=fmtp:").append(codec.dtmfPayloadType()).append(" 0-15").append(nl);
      }
      sdp.append("a=ptime:20").append(nl)
          .append("a=msid:switchboard audio").append(nl)
          .append("a=ssrc:").append(ssrc).append(" cname:switchboard").append(nl);
      for (int a = 0; a < addresses.size(); a++) {
        // RFC 8445 §5.1.2.1: type preference 126 (host), local preference by listed order, component 1.
        long priority = (126L << 24) | ((long) (65535 - a) << 8) | 255;
        sdp.append("a=candidate:").append(a + 1).append(" 1 udp ").append(priority).append(' ')
            .append(addresses.get(a)).append(' ').append(port).append(" typ host").append(nl);
      }
      sdp.append("a=end-of-candidates").append(nl);
    }
    return sdp.toString();
  }

  private static String answerDirection(String offered) {
    return switch (offered) {
      case "sendonly" -> "recvonly";
      case "recvonly" -> "sendonly";
      case "inactive" -> "inactive";
      default -> "sendrecv";
    };
  }

  private static String addressType(String address) {
    return address.indexOf(':') >= 0 ? "IP6" : "IP4";
  }
}
