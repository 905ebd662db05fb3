package io.switchboard.routing.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatienceModelTest {

  private static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

  private static RecordedCall call(String id, String outcome, long waitedSeconds) {
    return new RecordedCall(id, null, "+4930555001", T, T, "support", List.of(), Duration.ZERO,
        Duration.ofSeconds(60), outcome, Duration.ofSeconds(waitedSeconds), null);
  }

  @Test
  void censoredMle_isAbandonsOverTotalWaiting() {
    // 2 abandons after 30 s and 90 s; 3 answered after 10, 20, 50 s (censored): 2 / 200 s = 0.01 per second.
    List<RecordedCall> day = List.of(call("a", "abandoned", 30), call("b", "abandoned", 90),
        call("c", "answered", 10), call("d", "answered", 20), call("e", "answered", 50));
    PatienceModel m = PatienceModel.fit(day, 1);
    assertThat(m.ratePerSecond()).isCloseTo(0.01, within(1e-12));
    assertThat(m.meanPatience()).contains(Duration.ofSeconds(100));
    // The naive mean of the abandoned waits (60 s) would ignore that the answered callers were still patient.
    assertThat(m.patienceOf(day.get(0))).contains(Duration.ofSeconds(30));
    assertThat(m.patienceOf(day.get(2)).orElseThrow()).isGreaterThan(Duration.ofSeconds(10));
    assertThat(m.patienceOf(day.get(2))).isEqualTo(m.patienceOf(day.get(2)));
  }

  @Test
  void noAbandons_callersNeverGiveUp() {
    PatienceModel m = PatienceModel.fit(List.of(call("c", "answered", 10)), 1);
    assertThat(m.ratePerSecond()).isZero();
    assertThat(m.patienceOf(call("x", "answered", 5))).isEmpty();
  }

  @Test
  void fitRecoversTheTrueMean_fromCensoredSample() {
    // True patience exponential, mean 120 s; each caller is answered after a uniform 0..200 s wait unless patience
    // runs out first. The censored MLE must recover 120 s; the abandoned-only mean is far below.
    SplittableRandom random = new SplittableRandom(5);
    List<RecordedCall> day = new ArrayList<>();
    double abandonedSum = 0;
    int abandoned = 0;
    for (int i = 0; i < 40_000; i++) {
      long patienceMs = Math.round(-Math.log(1 - random.nextDouble()) * 120_000);
      long answerMs = random.nextLong(200_000);
      boolean gaveUp = patienceMs < answerMs;
      long waited = gaveUp ? patienceMs : answerMs;
      if (gaveUp) {
        abandonedSum += waited;
        abandoned++;
      }
      day.add(new RecordedCall("c" + i, null, null, T, T, "q", List.of(), Duration.ZERO, Duration.ZERO,
          gaveUp ? "abandoned" : "answered", Duration.ofMillis(waited), null));
    }
    double mean = PatienceModel.fit(day, 1).meanPatience().orElseThrow().toMillis() / 1000.0;
    assertThat(mean).isCloseTo(120, within(120 * 0.03));
    assertThat(abandonedSum / abandoned / 1000).isLessThan(80);
  }
}
