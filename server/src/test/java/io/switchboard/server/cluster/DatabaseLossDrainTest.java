package io.switchboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A node cut off from the database refuses new calls after a lease term and takes them again once it is back. */
class DatabaseLossDrainTest {
  private final AtomicLong lastContact = new AtomicLong(10_000);
  private final List<String> gateway = new ArrayList<>();
  private final DatabaseLossDrain drain = new DatabaseLossDrain(Duration.ofSeconds(3), lastContact::get,
      () -> gateway.add("pause"), () -> gateway.add("resume"));

  @Test
  void databaseSilentForLessThanTheLimit_newCallsGoOn() {
    assertThat(drain.check(11_000)).isFalse();
    assertThat(drain.check(13_000)).as("exactly the limit is not past it").isFalse();
    assertThat(gateway).isEmpty();
  }

  @Test
  void databaseSilentPastTheLimit_newCallsPausedOnce_thenResumedOnceItAnswers() {
    assertThat(drain.check(13_001)).isTrue();
    assertThat(drain.check(14_000)).isTrue();
    assertThat(drain.check(20_000)).isTrue();
    assertThat(gateway).as("paused once, however long the outage").containsExactly("pause");
    assertThat(drain.paused()).isTrue();

    lastContact.set(20_500); // a renewal went through
    assertThat(drain.check(21_000)).isFalse();
    assertThat(drain.check(22_000)).isFalse();
    assertThat(gateway).containsExactly("pause", "resume");

    assertThat(drain.check(23_501)).as("cut off again").isTrue();
    assertThat(gateway).containsExactly("pause", "resume", "pause");
  }

  @Test
  void aLimitThatIsNotPositive_isRefused() {
    assertThatThrownBy(() -> new DatabaseLossDrain(Duration.ZERO, lastContact::get, () -> { }, () -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }
}
