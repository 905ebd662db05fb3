package io.switchboard.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestTest {

  @Test
  void rfc2617ExampleResponse() {
    // RFC 2617 §3.5
    assertThat(Digest.response("Mufasa", "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html",
        "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "00000001", "0a4f113b"))
        .isEqualTo("6629fae49393a05397450978507c4ef1");
  }

  @Test
  void nonceIsRandomHex() {
    DigestChallenges challenges = new DigestChallenges();
    String a = challenges.newNonce();
    String b = challenges.newNonce();
    assertThat(a).hasSize(32).matches("[0-9a-f]+").isNotEqualTo(b);
    assertThat(challenges.outstanding()).isEqualTo(2);
  }

  @Test
  void parseErrorsBecomeOneLine() {
    assertThat(OneLineParseErrors.oneLine("CSeq: one INVITE\n:Number format exception")).isEqualTo("CSeq: one INVITE");
    assertThat(OneLineParseErrors.oneLine(null)).isEqualTo("unparseable");
  }
}
