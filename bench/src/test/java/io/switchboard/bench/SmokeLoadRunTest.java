package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load harness's smoke run (20 calls for 10 s) inside the test suite, so the harness keeps working. It checks
 * the harness, not performance: every call placed and answered, the caller's tone heard, RTP both
 * ways with loss under 1 % and its one-way delay measured.
 */
class SmokeLoadRunTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twentyCallsForTenSeconds_everyCallAnswered_callerToneHeard_lossUnderOnePercent() throws Exception {
    LoadOptions smoke = LoadOptions.smoke(Path.of("target"));

    LoadReport report = LoadRun.run(smoke);

    System.out.println(report.summary());
    JsonObject calls = report.json().getJsonObject("calls");
    JsonObject media = report.json().getJsonObject("media");
    int n = smoke.maxCalls();
    assertThat(calls.getInteger("sippExit")).as(report.summary()).isZero();
    assertThat(calls.getLong("successful")).as(report.summary()).isEqualTo(n);
    assertThat(calls.getInteger("answered")).as(report.summary()).isEqualTo(n);
    assertThat(calls.getInteger("callerToneHeard")).as(report.summary()).isEqualTo(n);
    // 50 packets a second each way while a call lasts: at least half the talk time's worth must be seen.
    for (String direction : new String[] {"callerToAgent", "agentToCaller"}) {
      JsonObject d = media.getJsonObject(direction);
      assertThat(d.getLong("received")).as(direction + "\n" + report.summary())
          .isGreaterThan(n * smoke.talk().toSeconds() * 25);
      assertThat(d.getDouble("lossPercent")).as(direction + "\n" + report.summary())
          .isLessThan(LoadReport.SMOKE_LOSS_LIMIT_PERCENT);
      // Packets carry their send time; in the steady window the delay through the server is well under a second.
      assertThat(d.getLong("delaySamples")).as(direction).isPositive();
      assertThat(d.getDouble("delayMsP50")).as(direction).isPositive().isLessThan(1000);
    }
    assertThat(report.problems()).isEmpty();
    assertThat(report.file()).exists();
  }
}
