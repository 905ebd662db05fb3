package io.switchboard.server.webcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WebCallLimitsTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void perAddress_nCallsInAnySlidingMinute() {
    WebCallLimits limits = new WebCallLimits(2, 100, 100);
    assertThat(limits.admit("10.0.0.1", "shop", 0)).isNull();
    assertThat(limits.admit("10.0.0.1", "shop", 10 * SECOND)).isNull();
    assertThat(limits.admit("10.0.0.1", "shop", 20 * SECOND)).isEqualTo(WebCallError.RATE_LIMITED);
    assertThat(limits.admit("10.0.0.2", "shop", 20 * SECOND)).as("another address").isNull();
    assertThat(limits.admit("10.0.0.1", "shop", 60 * SECOND)).as("the first call left the window").isNull();
  }

  @Test
  void perEntryPoint_fromEveryone() {
    WebCallLimits limits = new WebCallLimits(100, 2, 100);
    assertThat(limits.admit("10.0.0.1", "shop", 0)).isNull();
    assertThat(limits.admit("10.0.0.2", "shop", 0)).isNull();
    assertThat(limits.admit("10.0.0.3", "shop", 0)).isEqualTo(WebCallError.RATE_LIMITED);
    assertThat(limits.admit("10.0.0.3", "help", 0)).as("another entry point").isNull();
  }

  @Test
  void theCap_countsCallsUp_andARefusalCountsNothing() {
    WebCallLimits limits = new WebCallLimits(2, 100, 1);
    assertThat(limits.admit("10.0.0.1", "shop", 0)).isNull();
    assertThat(limits.admit("10.0.0.1", "shop", 0)).isEqualTo(WebCallError.BUSY);
    assertThat(limits.active()).isEqualTo(1);
    limits.release();
    assertThat(limits.admit("10.0.0.1", "shop", 0)).as("the busy refusal took no rate").isNull();
    assertThat(limits.admit("10.0.0.1", "shop", 0)).isEqualTo(WebCallError.RATE_LIMITED);
  }

  @Test
  void sweepForgetsQuietAddresses() {
    WebCallLimits limits = new WebCallLimits(1, 100, 100);
    limits.admit("10.0.0.1", "shop", 0);
    limits.release();
    limits.sweep(61 * SECOND);
    assertThat(limits.admit("10.0.0.1", "shop", 61 * SECOND)).isNull();
  }
}
