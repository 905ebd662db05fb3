package io.switchboard.server.planner;

/**
 * Agents and lines for an hour's calls: the fewest agents whose Erlang C service level, average speed of answer and
 * occupancy all meet the target, then the lines for them by the seed articles' rule (one and a half lines per agent
 * at least), with Erlang B's blocking probability for those lines.
 */
public final class CapacityPlanner {

  /** Far past any hotline this server carries; a plan that needs more is a typing error. */
  static final int MAX_AGENTS = 100_000;

  private final StaffingTarget target;

  public CapacityPlanner(StaffingTarget target) {
    this.target = java.util.Objects.requireNonNull(target, "target");
  }

  /**
   * @param callsPerHour offered calls in the hour (≥ 0)
   * @param ahtSeconds   average handle time in seconds (&gt; 0)
   * @param lineSeconds  how long an answered call holds a line (talk + hold, no wrap-up), &gt; 0
   */
  public HourPlan plan(double callsPerHour, double ahtSeconds, double lineSeconds) {
    if (!(callsPerHour >= 0) || Double.isInfinite(callsPerHour)) {
      throw new IllegalArgumentException("calls per hour must be a finite number ≥ 0: " + callsPerHour);
    }
    if (!(ahtSeconds > 0) || ahtSeconds > 86_400) {
      throw new IllegalArgumentException("the average handle time must be 0..86400 s: " + ahtSeconds);
    }
    if (!(lineSeconds > 0) || lineSeconds > 86_400) {
      throw new IllegalArgumentException("the line time must be 0..86400 s: " + lineSeconds);
    }
    double erlangs = callsPerHour * ahtSeconds / 3600;
    if (erlangs == 0) {
      return new HourPlan(callsPerHour, ahtSeconds, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);
    }
    if (erlangs >= MAX_AGENTS) {
      throw new IllegalArgumentException(Math.round(erlangs) + " Erlangs is more than this planner plans for");
    }
    int agents = (int) Math.floor(erlangs) + 1; // Erlang C needs N > A: with fewer the queue never empties
    while (!meetsTarget(agents, erlangs, ahtSeconds)) {
      agents++;
    }
    double asa = ErlangC.averageSpeedOfAnswer(agents, erlangs, ahtSeconds);
    int lines = (int) Math.ceil(agents * target.lineHeadroom() - 1e-9);
    double lineErlangs = callsPerHour * (lineSeconds + asa) / 3600;
    return new HourPlan(callsPerHour, ahtSeconds, erlangs, agents,
        ErlangC.serviceLevel(agents, erlangs, ahtSeconds, target.thresholdSeconds()),
        ErlangC.waitProbability(agents, erlangs), asa, erlangs / agents, lines, lineErlangs,
        ErlangB.blocking(lines, lineErlangs), ErlangB.linesFor(lineErlangs, target.maxBlocking()));
  }

  private boolean meetsTarget(int agents, double erlangs, double ahtSeconds) {
    if (ErlangC.serviceLevel(agents, erlangs, ahtSeconds, target.thresholdSeconds()) < target.serviceLevel()) {
      return false;
    }
    if (target.maxAsaSeconds() > 0
        && ErlangC.averageSpeedOfAnswer(agents, erlangs, ahtSeconds) > target.maxAsaSeconds()) {
      return false;
    }
    return erlangs / agents <= target.maxOccupancy();
  }
}
