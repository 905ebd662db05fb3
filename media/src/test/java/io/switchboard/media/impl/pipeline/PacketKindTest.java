package io.switchboard.media.impl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacketKindTest {

  private static PacketKind kind(int first, int second, int length) {
    byte[] p = new byte[length];
    p[0] = (byte) first;
    if (length > 1) {
      p[1] = (byte) second;
    }
    return PacketKind.of(p, 0, length);
  }

  @Test
  void firstByteRanges_followRfc7983() {
    assertThat(kind(0x00, 0x01, 20)).isEqualTo(PacketKind.STUN);
    assertThat(kind(0x01, 0x01, 20)).isEqualTo(PacketKind.STUN);
    assertThat(kind(20, 0, 20)).isEqualTo(PacketKind.DTLS);
    assertThat(kind(22, 0, 20)).isEqualTo(PacketKind.DTLS);
    assertThat(kind(63, 0, 20)).isEqualTo(PacketKind.DTLS);
    assertThat(kind(0x80, 0, 20)).isEqualTo(PacketKind.RTP);
    assertThat(kind(0x80, 0x80 | 101, 20)).isEqualTo(PacketKind.RTP);
    assertThat(kind(0x80, 200, 20)).isEqualTo(PacketKind.RTCP);
    assertThat(kind(0x81, 201, 20)).isEqualTo(PacketKind.RTCP);
  }

  @Test
  void zrtpTurnChannelsAndJunk_areOther() {
    assertThat(kind(16, 0, 20)).isEqualTo(PacketKind.OTHER);
    assertThat(kind(64, 0, 20)).isEqualTo(PacketKind.OTHER);
    assertThat(kind(0xff, 0, 20)).isEqualTo(PacketKind.OTHER);
    assertThat(PacketKind.of(new byte[0], 0, 0)).isEqualTo(PacketKind.OTHER);
  }

  @Test
  void truncatedPackets_areOther() {
    assertThat(kind(0x00, 0x01, 19)).isEqualTo(PacketKind.OTHER);
    assertThat(kind(0x80, 0, 11)).isEqualTo(PacketKind.OTHER);
  }
}
