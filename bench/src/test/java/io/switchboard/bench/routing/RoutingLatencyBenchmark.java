package io.switchboard.bench.routing;

import io.switchboard.routing.acd.CallRequest;
import io.switchboard.routing.acd.Decision;
import io.switchboard.routing.acd.Offer;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Latency of one {@code callArrived} (the decision: Enqueued and, when a Ready eligible agent exists, the Offer),
 * sampled, under the same population and mix as {@link RoutingThroughputBenchmark}. Between two measured calls the
 * (unmeasured) invocation setup plays 2 or 3 events of the rest of the mix, and more while the concurrent calls are
 * at the cap, so the population stays in its steady state. The teardown prints how many arrivals got an Offer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingLatencyBenchmark {

  @Param("10000")
  public int agents;

  @Param("100")
  public int queues;

  @Param("6000")
  public int maxCalls;

  RoutingLoad load;
  CallRequest next;
  List<Decision> last;
  long measured;
  long offered;
  int invocation;

  @Setup(Level.Trial)
  public void build() {
    load = new RoutingLoad(agents, queues, maxCalls, 42L);
  }

  @Setup(Level.Invocation)
  public void between() {
    if (last != null) {
      measured++;
      for (Decision d : last) {
        if (d instanceof Offer) {
          offered++;
          break;
        }
      }
      last = null;
    }
    int others = 2 + (invocation++ & 1);
    for (int i = 0; i < others || !load.belowCap(); i++) {
      load.stepWithoutArrival();
    }
    next = load.nextRequest();
  }

  @TearDown(Level.Iteration)
  public void report() {
    System.out.println("  [routing] arrivals measured " + measured + ", offered at once " + offered + " ("
        + (measured == 0 ? 0 : 100 * offered / measured) + " %); " + load.describe());
  }

  @Benchmark
  public List<Decision> callArrived() {
    last = load.arrive(next);
    return last;
  }
}
