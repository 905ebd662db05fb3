package io.switchboard.server.planner;

/**
 * What the plan must meet.
 *
 * @param serviceLevel     share of calls to answer within {@code thresholdSeconds}, 0 &lt; x &lt; 1 (0.8 for 80/20)
 * @param thresholdSeconds the service level's answer time
 * @param maxAsaSeconds    the longest average speed of answer allowed, or 0 for no such limit
 * @param maxOccupancy     the busiest the agents may be, 0 &lt; x ≤ 1 (1 = no limit)
 * @param lineHeadroom     lines per agent working: the seed articles ask for "at least one and a half times"
 * @param maxBlocking      the busy-signal probability the lines must stay under (Erlang B), 0 &lt; x &lt; 1
 */
public record StaffingTarget(double serviceLevel, double thresholdSeconds, double maxAsaSeconds, double maxOccupancy,
    double lineHeadroom, double maxBlocking) {

  /** 80 % within 20 s, no ASA or occupancy limit, 1.5 lines per agent, 1 % blocking. */
  public static final StaffingTarget DEFAULT = new StaffingTarget(0.8, 20, 0, 1.0, 1.5, 0.01);

  public StaffingTarget {
    if (!(serviceLevel > 0 && serviceLevel < 1)) {
      throw new IllegalArgumentException("the service level target must be between 0 and 100 %: " + serviceLevel);
    }
    if (!(thresholdSeconds >= 0) || thresholdSeconds > 3600) {
      throw new IllegalArgumentException("the service level threshold must be 0..3600 s: " + thresholdSeconds);
    }
    if (!(maxAsaSeconds >= 0) || maxAsaSeconds > 3600) {
      throw new IllegalArgumentException("the ASA target must be 0..3600 s (0 = none): " + maxAsaSeconds);
    }
    if (!(maxOccupancy > 0 && maxOccupancy <= 1)) {
      throw new IllegalArgumentException("the occupancy limit must be above 0 and at most 100 %: " + maxOccupancy);
    }
    if (!(lineHeadroom >= 1 && lineHeadroom <= 10)) {
      throw new IllegalArgumentException("the line headroom must be 1..10 lines per agent: " + lineHeadroom);
    }
    if (!(maxBlocking > 0 && maxBlocking < 1)) {
      throw new IllegalArgumentException("the blocking target must be between 0 and 100 %: " + maxBlocking);
    }
  }
}
