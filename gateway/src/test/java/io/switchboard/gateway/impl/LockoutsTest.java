package io.switchboard.gateway.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockoutsTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void thirdFailureLocks_forTheFirstLockout_thenTheKeyIsFreeAgain() {
    Lockouts<String> lockouts = new Lockouts<>(3, Duration.ofSeconds(10), Duration.ofSeconds(60));

    assertThat(lockouts.failed("a", 0)).isFalse();
    assertThat(lockouts.failed("a", 0)).isFalse();
    assertThat(lockouts.failed("a", 0)).isTrue();

    assertThat(lockouts.locked("a", 9 * SECOND)).isTrue();
    assertThat(lockouts.locked("b", 9 * SECOND)).isFalse();
    assertThat(lockouts.locked("a", 10 * SECOND)).isFalse();
  }

  @Test
  void everyFurtherLockoutDoubles_upToTheMaximum() {
    Lockouts<String> lockouts = new Lockouts<>(1, Duration.ofSeconds(10), Duration.ofSeconds(30));
    long now = 0;
    long[] expected = {10, 20, 30, 30};
    for (long seconds : expected) {
      assertThat(lockouts.failed("a", now)).isTrue();
      assertThat(lockouts.locked("a", now + seconds * SECOND - 1)).isTrue();
      assertThat(lockouts.locked("a", now + seconds * SECOND)).isFalse();
      now += seconds * SECOND;
    }
  }

  @Test
  void successClearsTheFailuresSoFar() {
    Lockouts<String> lockouts = new Lockouts<>(2, Duration.ofSeconds(10), Duration.ofSeconds(60));

    lockouts.failed("a", 0);
    lockouts.succeeded("a");

    assertThat(lockouts.failed("a", 0)).isFalse();
    assertThat(lockouts.locked("a", 0)).isFalse();
  }
}
