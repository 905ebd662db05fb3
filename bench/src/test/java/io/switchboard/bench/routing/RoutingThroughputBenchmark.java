package io.switchboard.bench.routing;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Routing throughput: one operation is one event of {@link RoutingLoad}'s mix (call arrives, answer, decline, hang
 * up, abandon, wrap-up done, Not ready / Ready) into a {@code RoutingEngine} holding 10,000 agents in 100 queues
 * with 10 skills. The primary score is events per second; the aux counters {@code offers} (call-to-agent routing
 * decisions) and {@code decisions} (every {@code Decision} returned) are per second too.
 *
 * <p>Not a JUnit test: run it with {@code bench/jmh} (see docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RoutingThroughputBenchmark {

  @Param("10000")
  public int agents;

  @Param("100")
  public int queues;

  @Param("6000")
  public int maxCalls;

  RoutingLoad load;

  /** Per-iteration counts, reported by JMH as rates (per second). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long offers;
    public long decisions;

    @Setup(Level.Iteration)
    public void reset() {
      offers = 0;
      decisions = 0;
    }
  }

  @Setup(Level.Trial)
  public void build() {
    load = new RoutingLoad(agents, queues, maxCalls, 42L);
  }

  @TearDown(Level.Iteration)
  public void report() {
    System.out.println("  [routing] " + load.describe());
  }

  @Benchmark
  public int event(Counters c) {
    long before = load.offersMade;
    int n = load.step();
    c.offers += load.offersMade - before;
    c.decisions += n;
    return n;
  }
}
