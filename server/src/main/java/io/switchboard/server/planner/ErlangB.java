package io.switchboard.server.planner;

/**
 * Erlang B: the probability that a call finds every line busy and is refused, for {@code lines} lines offered
 * {@code erlangs} of traffic (blocked calls cleared). Computed by the recurrence
 * {@code B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1))}, which never forms the factorials or powers of the textbook
 * formula, so it stays exact to double precision for thousands of lines and hundreds of Erlangs.
 */
public final class ErlangB {

  private ErlangB() {
  }

  /** The blocking probability with {@code lines} lines (≥ 0) and {@code erlangs} offered (≥ 0). */
  public static double blocking(int lines, double erlangs) {
    if (lines < 0) {
      throw new IllegalArgumentException("lines must not be negative: " + lines);
    }
    requireTraffic(erlangs);
    double b = 1.0;
    for (int n = 1; n <= lines; n++) {
      double ab = erlangs * b;
      b = ab / (n + ab);
    }
    return b;
  }

  /** The fewest lines whose blocking is at most {@code maxBlocking} (0 &lt; maxBlocking &lt; 1). */
  public static int linesFor(double erlangs, double maxBlocking) {
    requireTraffic(erlangs);
    if (!(maxBlocking > 0 && maxBlocking < 1)) {
      throw new IllegalArgumentException("the blocking target must be between 0 and 1: " + maxBlocking);
    }
    // The same recurrence, stopped at the first n that meets the target: one pass, no search.
    double b = 1.0;
    int n = 0;
    while (b > maxBlocking) {
      n++;
      double ab = erlangs * b;
      b = ab / (n + ab);
    }
    return n;
  }

  static void requireTraffic(double erlangs) {
    if (!(erlangs >= 0) || Double.isInfinite(erlangs)) {
      throw new IllegalArgumentException("offered traffic must be a finite number of Erlangs ≥ 0: " + erlangs);
    }
  }
}
