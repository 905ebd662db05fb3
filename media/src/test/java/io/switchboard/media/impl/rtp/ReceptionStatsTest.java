package io.switchboard.media.impl.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** RFC 3550 A.1 / A.8 receiver statistics, fed with made-up arrival times (20 ms G.711 packets, 160 samples each). */
class ReceptionStatsTest {

  private static final long PACKET_NANOS = 20_000_000L;

  @Test
  void packetsInOrderOnTime_noLossNoJitter() {
    ReceptionStats stats = new ReceptionStats(8000);
    for (int i = 0; i < 100; i++) {
      stats.onPacket(1000 + i, 5000 + 160L * i, i * PACKET_NANOS, true);
    }
    assertThat(stats.expected()).isEqualTo(100);
    assertThat(stats.lost()).isZero();
    assertThat(stats.jitterMillis()).isCloseTo(0, within(0.2));
  }

  @Test
  void missingSequenceNumbers_areLost_alsoAcrossTheWrap() {
    ReceptionStats stats = new ReceptionStats(8000);
    int sent = 0;
    for (int i = 0; i < 200; i++) {
      sent++;
      if (i % 20 == 7) {
        continue; // 10 of 200 never arrive
      }
      stats.onPacket((65_500 + i) & 0xffff, 160L * i, i * PACKET_NANOS, true);
    }
    assertThat(stats.expected()).isEqualTo(sent);
    assertThat(stats.lost()).isEqualTo(10);
  }

  @Test
  void arrivalsFiveMillisecondsEarlyOrLate_giveAboutThatJitter() {
    ReceptionStats stats = new ReceptionStats(8000);
    for (int i = 0; i < 500; i++) {
      long offset = (i % 2 == 0 ? 5 : -5) * 1_000_000L;
      stats.onPacket(i, 160L * i, 1_000_000_000L + i * PACKET_NANOS + offset, true);
    }
    // Consecutive transit times differ by 10 ms; the 1/16 filter converges on that difference.
    assertThat(stats.jitterMillis()).isCloseTo(10, within(0.5));
  }

  @Test
  void aConfirmedJump_restartsTheCount_withoutCountingTheGapAsLoss() {
    ReceptionStats stats = new ReceptionStats(8000);
    for (int i = 0; i < 50; i++) {
      stats.onPacket(100 + i, 160L * i, i * PACKET_NANOS, true);
    }
    for (int i = 0; i < 50; i++) {
      stats.onPacket(30_000 + i, 900_000 + 160L * i, (50 + i) * PACKET_NANOS, true);
    }
    // The first packet of the new run is held on probation (A.1), the rest count.
    assertThat(stats.expected()).isEqualTo(50 + 49);
    assertThat(stats.lost()).isZero();
  }

  @Test
  void eventsShareTheSequenceButNotTheJitter() {
    ReceptionStats stats = new ReceptionStats(8000);
    for (int i = 0; i < 100; i++) {
      boolean event = i >= 40 && i < 50;
      // Events keep their start timestamp: counted for loss, not for jitter.
      stats.onPacket(i, event ? 160L * 40 : 160L * i, i * PACKET_NANOS, !event);
    }
    assertThat(stats.expected()).isEqualTo(100);
    assertThat(stats.lost()).isZero();
    assertThat(stats.jitterMillis()).isCloseTo(0, within(0.2));
  }
}
