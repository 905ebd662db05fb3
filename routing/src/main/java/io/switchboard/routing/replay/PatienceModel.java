package io.switchboard.routing.replay;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * How long callers wait in a queue before hanging up, fitted from one recorded day: an exponential distribution
 * whose rate is the maximum-likelihood estimate under right censoring. An abandoned caller's wait is an observed
 * patience; an answered caller's wait is only a lower bound (censored: they would have waited at least that long).
 * The likelihood {@code Π λe^(-λt) over abandoned × Π e^(-λt) over answered} is maximal at
 * {@code λ = abandoned / Σ every queued caller's wait} (the occurrence/exposure rate; e.g. Cox and Oakes, Analysis of
 * Survival Data, §3). Why not Kaplan–Meier: its curve stops at the longest observed wait, and a replay with fewer
 * agents makes callers wait longer than anybody did that day, so it needs a tail; with the exponential (memoryless)
 * a censored caller's patience is simply the wait seen plus a fresh draw. See docs/routing.md, "Replay".
 *
 * @param abandoned how many waits ended in an abandon
 * @param exposure the sum of every queued caller's wait (abandoned and censored)
 * @param seed makes each caller's draw reproducible
 */
public record PatienceModel(long abandoned, Duration exposure, long seed) {

  public PatienceModel {
    if (abandoned < 0 || exposure.isNegative()) {
      throw new IllegalArgumentException("abandoned and exposure must not be negative");
    }
  }

  /** Fits the rate from the queued calls of a day (calls with no recorded queue wait are left out). */
  public static PatienceModel fit(Collection<RecordedCall> calls, long seed) {
    long abandoned = 0;
    Duration exposure = Duration.ZERO;
    for (RecordedCall c : calls) {
      if (c.waited() == null || c.queuedAt() == null) {
        continue;
      }
      exposure = exposure.plus(c.waited());
      if (c.abandoned()) {
        abandoned++;
      }
    }
    return new PatienceModel(abandoned, exposure, seed);
  }

  /** Abandons per second of waiting; 0 when nobody abandoned (infinite patience). */
  public double ratePerSecond() {
    double seconds = exposure.toMillis() / 1000.0;
    if (abandoned == 0) {
      return 0;
    }
    return seconds <= 0 ? Double.POSITIVE_INFINITY : abandoned / seconds;
  }

  /** The mean patience 1/λ, empty when nobody abandoned. */
  public Optional<Duration> meanPatience() {
    double rate = ratePerSecond();
    return rate <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(1000 / rate)));
  }

  /**
   * The caller's patience in the replay: an abandoned caller's recorded wait exactly (so the day as it was is
   * reproduced), an answered caller's recorded wait plus an exponential draw (memoryless: given they waited t, the
   * rest is again exponential), a caller with no recorded queue wait a plain draw. Empty = never abandons.
   */
  public Optional<Duration> patienceOf(RecordedCall call) {
    if (call.abandoned() && call.waited() != null) {
      return Optional.of(call.waited());
    }
    double rate = ratePerSecond();
    if (rate <= 0) {
      return Optional.empty();
    }
    Duration seen = call.answered() && call.waited() != null ? call.waited() : Duration.ZERO;
    // One generator per call, from the call id: a caller's patience does not depend on the order of the others.
    SplittableRandom random = new SplittableRandom(seed * 31 + call.id().hashCode());
    double draw = -Math.log(1 - random.nextDouble()) / rate;
    return Optional.of(seen.plusMillis(Math.round(draw * 1000)));
  }
}
