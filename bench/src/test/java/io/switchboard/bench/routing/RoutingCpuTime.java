package io.switchboard.bench.routing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The same load as {@link RoutingThroughputBenchmark}, measured in <em>CPU time of the engine's thread</em> for a
 * fixed number of events instead of wall-clock rate, then {@code callArrived} alone (CPU time percentiles). On a shared, loaded machine the wall-clock rate swings by 5x
 * with the other processes; the CPU time per event hardly does, and the event sequence (seed 42) is the same for
 * every build whose decisions are the same, so two builds can be compared by it. Prints one line per round.
 *
 * <p>{@code java -cp ... io.switchboard.bench.routing.RoutingCpuTime [warm-up events] [measured events] [rounds]}
 * (defaults 200,000 / 300,000 / 3). Not a JUnit test; see docs/performance.md.
 */
public final class RoutingCpuTime {

  private RoutingCpuTime() {
  }

  public static void main(String[] args) {
    long warmUp = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
    long measured = args.length > 1 ? Long.parseLong(args[1]) : 300_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    RoutingLoad load = new RoutingLoad(10_000, 100, 6_000, 42L);
    for (long i = 0; i < warmUp; i++) {
      load.step();
    }
    for (int round = 1; round <= rounds; round++) {
      long offersBefore = load.offersMade;
      long decisions = 0;
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      for (long i = 0; i < measured; i++) {
        decisions += load.step();
      }
      cpu = threads.getCurrentThreadCpuTime() - cpu;
      wall = System.nanoTime() - wall;
      long offers = load.offersMade - offersBefore;
      System.out.printf(java.util.Locale.ROOT,
          "round %d: %d events, %d decisions, %d offers in %.2f s CPU (%.2f s wall): %.2f us CPU per event, "
              + "%.0f decisions per CPU second, %.0f offers per CPU second%n",
          round, measured, decisions, offers, cpu / 1e9, wall / 1e9, cpu / 1e3 / measured, decisions / (cpu / 1e9),
          offers / (cpu / 1e9));
    }
    arrivals(load, threads, measured / 4);
    System.out.println("  [routing] " + load.describe());
  }

  /**
   * As {@link RoutingLatencyBenchmark}: 2 or 3 events of the rest of the mix, then one measured {@code callArrived},
   * timed by the thread's CPU clock, so preemption by other processes is not counted. Prints the percentiles.
   */
  private static void arrivals(RoutingLoad load, ThreadMXBean threads, long count) {
    long[] cpu = new long[(int) count];
    long offered = 0;
    for (int i = 0; i < cpu.length; i++) {
      for (int k = 0; k < 2 + (i & 1) || !load.belowCap(); k++) {
        load.stepWithoutArrival();
      }
      var request = load.nextRequest();
      long before = threads.getCurrentThreadCpuTime();
      var decisions = load.arrive(request);
      cpu[i] = threads.getCurrentThreadCpuTime() - before;
      if (decisions.stream().anyMatch(d -> d instanceof io.switchboard.routing.acd.Offer)) {
        offered++;
      }
    }
    java.util.Arrays.sort(cpu);
    System.out.printf(java.util.Locale.ROOT,
        "arrivals: %d measured, %d offered at once; CPU per callArrived p50 %.1f us, p90 %.1f, p99 %.1f, p99.9 %.1f,"
            + " max %.1f%n", cpu.length, offered, at(cpu, 0.5), at(cpu, 0.9), at(cpu, 0.99), at(cpu, 0.999),
        cpu[cpu.length - 1] / 1e3);
  }

  private static double at(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e3;
  }
}
