package io.switchboard.server.planner;

/**
 * Erlang C (M/M/N with an infinite queue and no abandonment): the waiting probability, service level and average
 * speed of answer of {@code agents} agents offered {@code erlangs} of traffic (arrival rate × average handle time).
 * The waiting probability comes from Erlang B, {@code C = N·B / (N − A·(1 − B))}, so nothing overflows however large
 * the call centre (the factorial form overflows a double past about 170 agents).
 */
public final class ErlangC {

  private ErlangC() {
  }

  /**
   * The probability that a call waits at all. 1 when the agents cannot keep up ({@code agents ≤ erlangs}): the queue
   * then grows without bound.
   */
  public static double waitProbability(int agents, double erlangs) {
    ErlangB.requireTraffic(erlangs);
    if (agents <= 0 || agents <= erlangs) {
      return 1.0;
    }
    double b = ErlangB.blocking(agents, erlangs);
    return agents * b / (agents - erlangs * (1 - b));
  }

  /**
   * The share of calls answered within {@code thresholdSeconds}: {@code 1 − C·e^(−(N − A)·t / AHT)}. 0 when the
   * agents cannot keep up.
   */
  public static double serviceLevel(int agents, double erlangs, double ahtSeconds, double thresholdSeconds) {
    requireAht(ahtSeconds);
    if (agents <= erlangs) {
      return erlangs == 0 && agents >= 0 ? 1.0 : 0.0;
    }
    double c = waitProbability(agents, erlangs);
    return 1 - c * Math.exp(-(agents - erlangs) * thresholdSeconds / ahtSeconds);
  }

  /** The average speed of answer over all calls, {@code C·AHT / (N − A)}; infinite when the agents cannot keep up. */
  public static double averageSpeedOfAnswer(int agents, double erlangs, double ahtSeconds) {
    requireAht(ahtSeconds);
    if (erlangs == 0) {
      return 0;
    }
    if (agents <= erlangs) {
      return Double.POSITIVE_INFINITY;
    }
    return waitProbability(agents, erlangs) * ahtSeconds / (agents - erlangs);
  }

  private static void requireAht(double ahtSeconds) {
    if (!(ahtSeconds > 0) || Double.isInfinite(ahtSeconds)) {
      throw new IllegalArgumentException("the average handle time must be a positive number of seconds: "
          + ahtSeconds);
    }
  }
}
