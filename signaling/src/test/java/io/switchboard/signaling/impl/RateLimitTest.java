package io.switchboard.signaling.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void bucket_allowsABurstOfItsCapacityThenRefillsOverThePeriod() {
    TokenBucket bucket = new TokenBucket(50, SECOND, 0);

    for (int i = 0; i < 50; i++) {
      assertThat(bucket.tryTake(0)).isTrue();
    }
    assertThat(bucket.tryTake(0)).isFalse();
    assertThat(bucket.tryTake(SECOND / 50 - 1)).isFalse();
    assertThat(bucket.tryTake(SECOND / 50)).isTrue();
    assertThat(bucket.isFull(10 * SECOND)).isTrue();
  }

  @Test
  void login_tenPerMinutePerAddress() {
    LoginRateLimiter limiter = new LoginRateLimiter();
    long minute = TimeUnit.MINUTES.toNanos(1);

    for (int i = 0; i < 10; i++) {
      assertThat(limiter.tryAttempt("192.0.2.1", 0)).isZero();
    }
    assertThat(limiter.tryAttempt("192.0.2.1", 0)).isEqualTo(6);
    assertThat(limiter.tryAttempt("192.0.2.2", 0)).as("another address").isZero();
    assertThat(limiter.tryAttempt("192.0.2.1", minute / 10)).as("one more every 6 s").isZero();

    limiter.sweep(2 * minute);
    assertThat(limiter.trackedAddresses()).isZero();
  }

  @Test
  void closeReason_fitsAControlFrame() {
    assertThat(ServerFrames.closeReason("ü".repeat(100)).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(123);
    assertThat(ServerFrames.closeReason("replaced")).isEqualTo("replaced");
  }
}
