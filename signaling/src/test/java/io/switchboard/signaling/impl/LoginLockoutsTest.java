package io.switchboard.signaling.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.signaling.LoginLockoutConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginLockoutsTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void eachFurtherLockoutOfAUsernameDoubles_upToTheMaximum() {
    LoginLockouts lockouts = new LoginLockouts(new LoginLockoutConfig(100, 2, Duration.ofSeconds(60),
        Duration.ofSeconds(150)));
    long now = 0;
    for (long expected : new long[] {60, 120, 150, 150}) {
      lockouts.failed("10.0.0.1", "Alice", now);
      lockouts.failed("10.0.0.1", "alice", now);
      assertThat(lockouts.accountLockedFor("ALICE", now)).isEqualTo(expected);
      now += expected * SECOND;
      assertThat(lockouts.accountLockedFor("alice", now)).isZero();
    }
  }

  @Test
  void rightPasswordClearsTheCount() {
    LoginLockouts lockouts = new LoginLockouts(new LoginLockoutConfig(2, 2, Duration.ofSeconds(60),
        Duration.ofSeconds(600)));

    lockouts.failed("10.0.0.1", "alice", 0);
    lockouts.succeeded("10.0.0.1", "alice");
    lockouts.failed("10.0.0.1", "alice", 0);

    assertThat(lockouts.accountLockedFor("alice", 0)).isZero();
    assertThat(lockouts.addressLockedFor("10.0.0.1", 0)).isZero();
  }
}
