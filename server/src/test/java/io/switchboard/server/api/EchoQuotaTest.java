package io.switchboard.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EchoQuotaTest {

  private Instant now = Instant.parse("2026-12-07T12:00:00Z");
  private final EchoQuota quota = new EchoQuota(new Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  });

  @Test
  void startsBeyondTheMinutesBudget_areRefused_untilTheOldestLeavesTheWindow() {
    for (int i = 0; i < EchoQuota.MAX_STARTS_PER_WINDOW; i++) {
      assertThat(quota.take("a-alice")).isNull();
      quota.release("a-alice");
      now = now.plusSeconds(1);
    }

    assertThat(quota.take("a-alice")).contains("a minute");
    assertThat(quota.retryAfterSeconds("a-alice")).isEqualTo(50);
    assertThat(quota.take("a-bob")).as("bob has his own budget").isNull();

    now = now.plus(Duration.ofSeconds(51));
    assertThat(quota.take("a-alice")).isNull();
  }
}
