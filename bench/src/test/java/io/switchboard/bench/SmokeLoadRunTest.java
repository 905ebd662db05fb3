package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load harness's smoke run (20 calls for 10 s) inside the test suite, so the harness keeps working. It checks
 * the harness, not performance: every call placed and answered, the caller's tone heard, loss under 1 %.
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
    assertThat(calls.getInteger("sippExit")).as(report.summary()).isZero();
    assertThat(calls.getLong("successful")).as(report.summary()).isEqualTo(smoke.calls());
    assertThat(calls.getInteger("answered")).as(report.summary()).isEqualTo(smoke.calls());
    assertThat(calls.getInteger("callerToneHeard")).as(report.summary()).isEqualTo(smoke.calls());
    // 50 packets a second reach each agent while its call lasts: at least half the talk time's worth must be seen.
    assertThat(media.getLong("rtpReceivedByAgents")).as(report.summary())
        .isGreaterThan(smoke.calls() * smoke.talk().toSeconds() * 25);
    assertThat(media.getDouble("lossPercent")).as(report.summary()).isLessThan(LoadReport.SMOKE_LOSS_LIMIT_PERCENT);
    assertThat(report.problems()).isEmpty();
    assertThat(report.file()).exists();
  }
}
