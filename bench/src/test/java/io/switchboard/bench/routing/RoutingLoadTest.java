package io.switchboard.bench.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.acd.AgentState;
import io.switchboard.routing.acd.InvariantCheck;
import org.junit.jupiter.api.Test;

/**
 * Keeps the routing benchmarks' load working inside the normal test command (the JMH benchmarks themselves only
 * run through {@code bench/jmh}): a small population, a few thousand events, the engine's invariants hold and the
 * mix reaches every state.
 */
class RoutingLoadTest {

  @Test
  void mixKeepsTheEngineConsistentAndReachesEveryState() {
    RoutingLoad load = new RoutingLoad(500, 10, 300, 7L);
    for (int i = 0; i < 20_000; i++) {
      load.step();
      if (i % 5_000 == 0) {
        assertThat(InvariantCheck.check(load.engine)).isEmpty();
      }
    }
    for (int i = 0; i < 2_000; i++) { // as RoutingLatencyBenchmark plays it
      for (int k = 0; k < 2 || !load.belowCap(); k++) {
        load.stepWithoutArrival();
      }
      load.arrive(load.nextRequest());
    }
    assertThat(InvariantCheck.check(load.engine)).isEmpty();
    assertThat(load.agentStates().keySet()).contains(AgentState.READY, AgentState.ON_CALL, AgentState.WRAP_UP,
        AgentState.NOT_READY);
    assertThat(load.offersMade).isGreaterThan(5_000);
  }
}
