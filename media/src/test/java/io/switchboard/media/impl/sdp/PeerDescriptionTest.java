package io.switchboard.media.impl.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.media.SdpException;
import org.junit.jupiter.api.Test;

class PeerDescriptionTest {
  /** Shaped like a Chromium audio + data channel offer (with its usual extra lines). */
  private static final String BROWSER_OFFER = String.join("\r\n",
      "v=0",
      "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
      "s=-",
      "t=0 0",
      "a=group:BUNDLE 0 1",
      "a=extmap-allow-mixed",
      "a=msid-semantic: WMS",
      "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
      "c=IN IP4 0.0.0.0",
      "a=rtcp:9 IN IP4 0.0.0.0",
      "a=ice-ufrag:Xk3f",
      "a=ice-pwd:c9wM0fOfT4e8ipWjgDbsRwbh",
      "a=ice-options:trickle",
      "a=fingerprint:sha-256 8B:87:09:8A:5D:C2:F3:33:EF:C5:B1:F6:84:3A:3D:D6:A3:E2:9C:17:4C:E7:46:3B:1B:CE:84:98:DD:8E:AF:7B",
      "a=setup:actpass",
      "a=mid:0",
      "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
      "a=sendrecv",
      "a=msid:- 7a2a0bcf-1f1e-4ce2-9d6a-3b8b1bfe1d7a",
      "a=rtcp-mux",
      "a=rtcp-rsize",
      "a=rtpmap:111 opus/48000/2",
      "a=rtcp-fb:111 transport-cc",
      "a=fmtp:111 minptime=10;useinbandfec=1",
      "a=rtpmap:63 red/48000/2",
      "a=rtpmap:9 G722/8000",
      "a=rtpmap:0 PCMU/8000",
      "a=rtpmap:8 PCMA/8000",
      "a=rtpmap:13 CN/8000",
      "a=rtpmap:110 telephone-event/48000",
      "a=rtpmap:126 telephone-event/8000",
      "a=ssrc:3735928559 cname:abc",
      "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
      "c=IN IP4 0.0.0.0",
      "a=mid:1",
      "a=sctp-port:5000",
      "");

  @Test
  void browserOffer_yieldsG711InTheBrowsersOrderAndTheTransport() throws SdpException {
    PeerDescription offer = PeerDescription.parse(BROWSER_OFFER);
    assertThat(offer.codecs()).extracting(c -> c.name()).containsExactly("PCMU", "PCMA");
    assertThat(offer.dtmfPayloadType()).isEqualTo(126);
    assertThat(offer.iceUfrag()).isEqualTo("Xk3f");
    assertThat(offer.setup()).isEqualTo("actpass");
    assertThat(offer.mid()).isEqualTo("0");
    assertThat(offer.bundled()).isTrue();
    assertThat(offer.fingerprint().hashFunction()).isEqualTo("sha-256");
  }

  @Test
  void answer_acceptsAudioAndRejectsTheRestInPlace() throws SdpException {
    PeerDescription offer = PeerDescription.parse(BROWSER_OFFER);
    String answer = WebRtcAnswer.write(offer, "uFrag12345", "p".repeat(24), offer.fingerprint(),
        io.switchboard.media.impl.dtls.DtlsRole.SERVER, offer.codecs().get(0), 42, java.util.List.of("192.0.2.7"),
        10000);
    SessionDescription parsed = SessionDescription.parse(answer);
    assertThat(parsed.media()).hasSize(2);
    assertThat(parsed.media().get(0).port()).isEqualTo(10000);
    assertThat(parsed.media().get(0).formats()).containsExactly("0", "126");
    assertThat(parsed.media().get(1).port()).isZero();
    assertThat(answer).contains("a=group:BUNDLE 0\r\n", "a=setup:passive", "a=ice-lite",
        "a=candidate:1 1 udp 2130706431 192.0.2.7 10000 typ host");
  }

  @Test
  void malformedOrUnusableOffers_areRefusedWithAClearReason() {
    assertThatThrownBy(() -> PeerDescription.parse("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> PeerDescription.parse("v=1\r\n")).hasMessageContaining("v=0");
    assertThatThrownBy(() -> PeerDescription.parse("v=0\r\nthis is not sdp\r\n"))
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> PeerDescription.parse(BROWSER_OFFER.replace("m=audio 9", "m=audio x")))
        .hasMessageContaining("port is not a number");
    assertThatThrownBy(() -> PeerDescription.parse(BROWSER_OFFER.replace("a=ice-ufrag:Xk3f\r\n", "")))
        .hasMessageContaining("ice-ufrag");
    assertThatThrownBy(() -> PeerDescription.parse(BROWSER_OFFER.replace("a=rtcp-mux\r\n", "")))
        .hasMessageContaining("rtcp-mux");
    assertThatThrownBy(() -> PeerDescription.parse(BROWSER_OFFER.replace("8B:87:09", "ZZ:87:09")))
        .hasMessageContaining("fingerprint");
    assertThatThrownBy(() -> PeerDescription.parse(BROWSER_OFFER.replace("UDP/TLS/RTP/SAVPF", "RTP/AVP")))
        .hasMessageContaining("DTLS-SRTP");
    assertThatThrownBy(() -> PeerDescription.parse("v=0\r\n" + "a=x\r\n".repeat(20_000)))
        .hasMessageContaining("longer than");
    assertThatThrownBy(() -> PeerDescription.parse(BROWSER_OFFER.replace("m=audio", "m=video")))
        .hasMessageContaining("no audio");
  }
}
