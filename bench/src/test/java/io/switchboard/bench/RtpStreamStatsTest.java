package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpStreamStatsTest {
  private static final long PACKET_NANOS = 20_000_000L;

  @Test
  void evenlyPacedStream_noLossNoJitter() {
    RtpStreamStats stats = new RtpStreamStats(1, 8000);
    for (int i = 0; i < 100; i++) {
      stats.onPacket(100 + i, 1000 + 160L * i, i * PACKET_NANOS);
    }
    assertThat(stats.expected()).isEqualTo(100);
    assertThat(stats.lost()).isZero();
    assertThat(stats.jitterMillis()).isLessThan(0.01);
  }

  @Test
  void gapAcrossTheSequenceWrap_countsTheMissingPacketsAsLost() {
    RtpStreamStats stats = new RtpStreamStats(1, 8000);
    for (int i = 0; i < 20; i++) {
      if (i == 7 || i == 12) {
        continue;
      }
      stats.onPacket((65530 + i) & 0xffff, (0xffffff00L + 160L * i) & 0xffffffffL, i * PACKET_NANOS);
    }
    assertThat(stats.expected()).isEqualTo(20);
    assertThat(stats.lost()).isEqualTo(2);
    assertThat(stats.jitterMillis()).isLessThan(0.01);
  }

  @Test
  void packetsArrivingAlternatelyEarlyAndLate_jitterApproachesTheSwing() {
    RtpStreamStats stats = new RtpStreamStats(1, 8000);
    for (int i = 0; i < 500; i++) {
      long swing = (i % 2 == 0 ? 0 : 4_000_000L);
      stats.onPacket(i, 160L * i, i * PACKET_NANOS + swing);
    }
    // |D| is 4 ms for every packet, so J converges to 4 ms (RFC 3550 A.8).
    assertThat(stats.jitterMillis()).isBetween(3.9, 4.1);
  }
}
