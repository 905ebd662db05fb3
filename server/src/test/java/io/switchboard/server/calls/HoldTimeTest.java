package io.switchboard.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HoldTimeTest {

  private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

  @Test
  void twoHolds_addUp_andARepeatedHoldOrResumeChangesNothing() {
    HoldTime hold = new HoldTime();
    hold.set(true, T0);
    hold.set(true, T0.plusSeconds(5)); // already on hold: still from T0
    hold.set(false, T0.plusSeconds(20));
    hold.set(false, T0.plusSeconds(30));
    hold.set(true, T0.plusSeconds(60));
    hold.set(false, T0.plusSeconds(72));
    assertThat(hold.seconds(T0.plusSeconds(100))).isEqualTo(32);
  }

  @Test
  void aHoldStillOnAtTheEnd_countsToTheEnd() {
    HoldTime hold = new HoldTime();
    hold.set(true, T0);
    assertThat(hold.seconds(T0.plusSeconds(42))).isEqualTo(42);
  }
}
