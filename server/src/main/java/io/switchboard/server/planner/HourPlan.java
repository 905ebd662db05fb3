package io.switchboard.server.planner;

/**
 * Staff and lines for one hour's load.
 *
 * @param callsPerHour     offered calls in the hour
 * @param ahtSeconds       average handle time (talk + hold + wrap-up): how long a call keeps an agent
 * @param erlangs          agent traffic, callsPerHour × AHT / 3600
 * @param agents           the fewest agents that meet the target (0 with no calls)
 * @param serviceLevel     share answered within the threshold with that many agents (Erlang C)
 * @param waitProbability  share of calls that wait at all
 * @param asaSeconds       average speed of answer over all calls
 * @param occupancy        erlangs / agents: how busy the agents are
 * @param lines            lines by the seeds' rule: agents × headroom, rounded up
 * @param lineErlangs      line traffic: calls × (line time + ASA) / 3600 (a caller holds a line while waiting)
 * @param lineBlocking     Erlang B: the share of callers who would find all {@code lines} busy
 * @param linesForBlocking the fewest lines that keep blocking under the target, for comparison with {@code lines}
 */
public record HourPlan(double callsPerHour, double ahtSeconds, double erlangs, int agents, double serviceLevel,
    double waitProbability, double asaSeconds, double occupancy, int lines, double lineErlangs, double lineBlocking,
    int linesForBlocking) {
}
