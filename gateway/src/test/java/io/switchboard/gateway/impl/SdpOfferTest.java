package io.switchboard.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SdpOfferTest {

  private static String offer(String media, String... attributes) {
    StringBuilder sdp = new StringBuilder("v=0\r\no=carrier 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n")
        .append(media).append("\r\n");
    for (String a : attributes) {
      sdp.append(a).append("\r\n");
    }
    return sdp.toString();
  }

  @Test
  void firstG711OfTheOfferWins_andTelephoneEventIsKept() throws Exception {
    SdpOffer offer = SdpOffer.parse(offer("m=audio 4000 RTP/AVP 18 8 0 96", "a=rtpmap:18 G729/8000",
        "a=rtpmap:96 telephone-event/8000"));

    assertThat(offer.codec().name()).isEqualTo("PCMA");
    assertThat(offer.codec().payloadType()).isEqualTo(8);
    assertThat(offer.codec().dtmfPayloadType()).isEqualTo(96);
    assertThat(offer.address()).isEqualTo("192.0.2.10");
    assertThat(offer.port()).isEqualTo(4000);
    assertThat(offer.hold()).isFalse();
  }

  @Test
  void mediaLevelConnectionOverridesSessionLevel() throws Exception {
    SdpOffer offer = SdpOffer.parse(offer("m=audio 4000 RTP/AVP 0", "c=IN IP4 198.51.100.7"));

    assertThat(offer.address()).isEqualTo("198.51.100.7");
    assertThat(offer.codec().dtmfPayloadType()).isEqualTo(-1);
  }

  @Test
  void holdIsSendonlyInactiveOrZeroAddress() throws Exception {
    assertThat(SdpOffer.parse(offer("m=audio 4000 RTP/AVP 0", "a=sendonly")).hold()).isTrue();
    assertThat(SdpOffer.parse(offer("m=audio 4000 RTP/AVP 0", "a=inactive")).hold()).isTrue();
    SdpOffer legacy = SdpOffer.parse(offer("m=audio 4000 RTP/AVP 0", "c=IN IP4 0.0.0.0"));
    assertThat(legacy.hold()).isTrue();
    assertThat(legacy.answerDirection()).isEqualTo(SdpOffer.Direction.RECVONLY);
    assertThat(SdpOffer.parse(offer("m=audio 4000 RTP/AVP 0", "a=sendonly")).answerDirection())
        .isEqualTo(SdpOffer.Direction.RECVONLY);
  }

  @Test
  void noG711OrNotRtpAvp_isNotAcceptable() {
    assertThatThrownBy(() -> SdpOffer.parse(offer("m=audio 4000 RTP/AVP 18", "a=rtpmap:18 G729/8000")))
        .isInstanceOf(SdpOffer.NotAcceptableException.class);
    assertThatThrownBy(() -> SdpOffer.parse(offer("m=audio 4000 RTP/SAVP 0")))
        .isInstanceOf(SdpOffer.NotAcceptableException.class);
    assertThatThrownBy(() -> SdpOffer.parse(offer("m=audio 0 RTP/AVP 0")))
        .isInstanceOf(SdpOffer.NotAcceptableException.class);
  }

  @Test
  void garbage_isMalformed() {
    assertThatThrownBy(() -> SdpOffer.parse("hello")).isInstanceOf(SdpOffer.MalformedSdpException.class);
    assertThatThrownBy(() -> SdpOffer.parse(offer("m=audio x RTP/AVP 0")))
        .isInstanceOf(SdpOffer.MalformedSdpException.class);
    assertThatThrownBy(() -> SdpOffer.parse(offer("m=audio 4000 RTP/AVP 0", "c=IN IP4 carrier.example")))
        .isInstanceOf(SdpOffer.MalformedSdpException.class);
  }

  @Test
  void answerRefusesOtherStreams_andOffersOurG711WithDtmf() throws Exception {
    String sdp = "v=0\r\no=c 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
        + "m=video 5000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
        + "m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";
    SdpOffer offer = SdpOffer.parse(sdp);

    String answer = SdpAnswer.build(offer, "203.0.113.5", 20000, 42, 1, offer.answerDirection());

    assertThat(answer).contains("m=video 0 RTP/AVP 96\r\n", "m=audio 20000 RTP/AVP 0 101\r\n",
        "c=IN IP4 203.0.113.5\r\n", "a=rtpmap:0 PCMU/8000\r\n", "a=rtpmap:101 telephone-event/8000\r\n",
        "a=fmtp:101 0-16\r\n", "a=ptime:20\r\n", "a=sendrecv\r\n");
    assertThat(answer.indexOf("m=video")).isLessThan(answer.indexOf("m=audio"));
  }
}
