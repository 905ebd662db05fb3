package io.switchboard.media.impl.sdp;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.SdpException;
import io.switchboard.media.impl.dtls.Fingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a WebRTC peer's SDP (offer or answer) says about its one audio transport: ICE credentials and candidates,
 * DTLS fingerprint and role, codecs. Validated: anything we need that is missing or malformed is an
 * {@link SdpException} with a message fit for the API caller.
 *
 * @param audioIndex   index of the audio section we use among all media sections
 * @param mid          its {@code a=mid}, or null
 * @param iceUfrag     RFC 8839 §5.4
 * @param icePwd       RFC 8839 §5.4
 * @param fingerprint  RFC 8122 §5, the certificate the peer's DTLS must present
 * @param setup        RFC 4145 §4 / RFC 5763 §5: actpass, active or passive
 * @param direction    sendrecv, sendonly, recvonly or inactive
 * @param codecs       the G.711 codecs offered, in the peer's order of preference (PCMU/PCMA only)
 * @param dtmfPayloadType telephone-event/8000 payload type, or -1
 * @param candidates   {@code a=candidate} values (host/port taken from them by the test peer)
 * @param bundled      whether the session-level BUNDLE group lists this section
 */
public record PeerDescription(
    SessionDescription sdp,
    int audioIndex,
    String mid,
    String iceUfrag,
    String icePwd,
    Fingerprint fingerprint,
    String setup,
    String direction,
    List<AudioCodec> codecs,
    int dtmfPayloadType,
    List<String> candidates,
    boolean bundled) {

  private static final List<String> DIRECTIONS = List.of("sendrecv", "sendonly", "recvonly", "inactive");

  public static PeerDescription parse(String sdpText) throws SdpException {
    SessionDescription sdp = SessionDescription.parse(sdpText);
    int audioIndex = -1;
    for (int i = 0; i < sdp.media().size(); i++) {
      MediaDescription m = sdp.media().get(i);
      if (m.type().equals("audio") && m.port() != 0) {
        audioIndex = i;
        break;
      }
    }
    if (audioIndex < 0) {
      throw new SdpException("no audio section (m=audio) in the session description");
    }
    MediaDescription audio = sdp.media().get(audioIndex);
    if (!audio.protocol().equals("UDP/TLS/RTP/SAVPF") && !audio.protocol().equals("UDP/TLS/RTP/SAVP")) {
      throw new SdpException("audio must use DTLS-SRTP (UDP/TLS/RTP/SAVPF), got " + audio.protocol());
    }
    String ufrag = sdp.attribute(audio, "ice-ufrag")
        .orElseThrow(() -> new SdpException("missing a=ice-ufrag"));
    String pwd = sdp.attribute(audio, "ice-pwd")
        .orElseThrow(() -> new SdpException("missing a=ice-pwd"));
    // RFC 8445 §5.3: ufrag at least 4 and pwd at least 22 ice-chars.
    if (!ufrag.matches("[A-Za-z0-9+/]{4,256}")) {
      throw new SdpException("a=ice-ufrag must be 4 to 256 ice-chars");
    }
    if (!pwd.matches("[A-Za-z0-9+/]{22,256}")) {
      throw new SdpException("a=ice-pwd must be 22 to 256 ice-chars");
    }
    String fingerprintValue = sdp.attribute(audio, "fingerprint")
        .orElseThrow(() -> new SdpException("missing a=fingerprint (DTLS-SRTP needs the peer's certificate hash)"));
    Fingerprint fingerprint = Fingerprint.parse(fingerprintValue);
    String setup = sdp.attribute(audio, "setup").orElse("actpass").toLowerCase(Locale.ROOT);
    if (!List.of("actpass", "active", "passive").contains(setup)) {
      throw new SdpException("a=setup must be actpass, active or passive, got " + setup);
    }
    if (!audio.hasFlag("rtcp-mux")) {
      throw new SdpException("a=rtcp-mux is required (RTP and RTCP share the one port)");
    }
    String direction = "sendrecv";
    for (String d : DIRECTIONS) {
      if (audio.hasFlag(d)) {
        direction = d;
      }
    }
    List<AudioCodec> codecs = new ArrayList<>();
    int dtmf = -1;
    for (String format : audio.formats()) {
      int pt;
      try {
        pt = Integer.parseInt(format);
      } catch (NumberFormatException e) {
        throw new SdpException("audio payload type is not a number: " + format);
      }
      if (pt < 0 || pt > 127) {
        throw new SdpException("audio payload type out of range: " + pt);
      }
      String encoding = rtpmap(audio, pt);
      if (encoding == null) {
        // RFC 3551 static payload types need no rtpmap.
        encoding = pt == 0 ? "pcmu/8000" : pt == 8 ? "pcma/8000" : "";
      }
      if (encoding.equals("pcmu/8000") || encoding.equals("pcma/8000")) {
        codecs.add(new AudioCodec(pt, encoding.substring(0, 4).toUpperCase(Locale.ROOT), -1));
      } else if (encoding.equals("telephone-event/8000") && dtmf < 0) {
        dtmf = pt;
      }
    }
    List<AudioCodec> withDtmf = new ArrayList<>();
    for (AudioCodec c : codecs) {
      withDtmf.add(new AudioCodec(c.payloadType(), c.name(), dtmf));
    }
    String mid = audio.attribute("mid").orElse(null);
    boolean bundled = mid != null && sdp.sessionAttribute("group")
        .map(g -> List.of(g.split(" ")).subList(1, g.split(" ").length).contains(mid))
        .orElse(false);
    return new PeerDescription(sdp, audioIndex, mid, ufrag, pwd, fingerprint, setup, direction,
        withDtmf, dtmf, audio.attributes("candidate"), bundled);
  }

  /** The audio section itself. */
  public MediaDescription audio() {
    return sdp.media().get(audioIndex);
  }

  private static String rtpmap(MediaDescription m, int pt) {
    String prefix = pt + " ";
    for (String value : m.attributes("rtpmap")) {
      if (value.startsWith(prefix)) {
        String enc = value.substring(prefix.length()).trim().toLowerCase(Locale.ROOT);
        // "PCMU/8000/1": the channel count is optional.
        return enc.endsWith("/1") ? enc.substring(0, enc.length() - 2) : enc;
      }
    }
    return null;
  }
}
