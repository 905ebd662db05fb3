package io.switchboard.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

  @Test
  void ulawRoundTrip_staysWithinTheQuantisationStep() {
    for (int sample = -32768; sample <= 32767; sample += 7) {
      int decoded = G711.ulawToLinear(G711.linearToUlaw(sample));
      // µ-law's largest step is 1024 (exponent 7); the error is at most half a step plus the clip.
      assertThat(Math.abs(decoded - Math.max(-32635, Math.min(32635, sample)))).isLessThanOrEqualTo(1024);
    }
  }

  @Test
  void alawRoundTrip_staysWithinTheQuantisationStep() {
    for (int sample = -32768; sample <= 32767; sample += 7) {
      int decoded = G711.alawToLinear(G711.linearToAlaw(sample));
      assertThat(Math.abs(decoded - sample)).isLessThanOrEqualTo(1024);
    }
  }

  @Test
  void knownCodes_matchTheStandard() {
    // G.711: µ-law 0xFF and A-law 0xD5 are the codes for silence (0 / +8).
    assertThat(G711.linearToUlaw(0)).isEqualTo((byte) 0xFF);
    assertThat(G711.linearToAlaw(0)).isEqualTo((byte) 0xD5);
    assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(G711.ulawToLinear((byte) 0x00)).isEqualTo((short) -32124);
  }

  @Test
  void lawConversion_preservesTheSignal() {
    for (int code = 0; code < 256; code++) {
      short viaAlaw = G711.alawToLinear(G711.ulawToAlaw((byte) code));
      short direct = G711.ulawToLinear((byte) code);
      assertThat(Math.abs(viaAlaw - direct)).isLessThanOrEqualTo(Math.max(16, Math.abs(direct) / 16));
    }
  }
}
