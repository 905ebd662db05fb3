package io.switchboard.routing.acd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** EWT = position × AHT / staffed agents, with AHT learned from finished calls. */
class EstimatedWaitTest {

  @Test
  void formula_positionTimesHandleTimeOverStaffedAgents() {
    assertThat(EstimatedWait.at(1, 2, Duration.ofSeconds(180))).contains(Duration.ofSeconds(90));
    assertThat(EstimatedWait.at(3, 2, Duration.ofSeconds(180))).contains(Duration.ofSeconds(270));
    assertThat(EstimatedWait.at(1, 0, Duration.ofSeconds(180))).isEmpty();
  }

  @Test
  void announcement_countsBusyAndWrapUpAgents_notNotReadyOnes() {
    ManualClock clock = new ManualClock();
    RoutingEngine engine = new RoutingEngine(clock, new SplittableRandom(1));
    engine.addQueue(QueueConfig.of("q").withDefaultHandleTime(Duration.ofSeconds(120)));
    for (String a : new String[] {"anna", "boris", "chen"}) {
      engine.addAgent(AgentProfile.of(a, "q"));
      engine.login(a);
    }
    engine.ready("anna");
    engine.ready("boris");
    engine.callArrived(CallRequest.of("c1", "q"));
    engine.callArrived(CallRequest.of("c2", "q"));
    engine.answer("anna", "c1");
    engine.answer("boris", "c2");
    engine.callArrived(CallRequest.of("c3", "q"));
    engine.callArrived(CallRequest.of("c4", "q"));
    // chen is Not ready: 2 staffed agents, AHT 120 s.
    assertThat(engine.announcement("c3")).contains(new Announce("c3", 1, java.util.Optional.of(Duration.ofSeconds(60))));
    assertThat(engine.announcement("c4")).contains(new Announce("c4", 2, java.util.Optional.of(Duration.ofSeconds(120))));
  }

  @Test
  void averageHandleTime_movesTowardsMeasuredCalls() {
    ManualClock clock = new ManualClock();
    RoutingEngine engine = new RoutingEngine(clock, new SplittableRandom(1));
    engine.addQueue(QueueConfig.of("q").withDefaultHandleTime(Duration.ofSeconds(180))
        .withWrapUp(Duration.ofSeconds(10)));
    engine.addAgent(AgentProfile.of("anna", "q"));
    engine.login("anna");
    engine.ready("anna");
    engine.callArrived(CallRequest.of("c1", "q"));
    engine.answer("anna", "c1");
    clock.advanceSeconds(50);
    engine.hangUp("c1");
    // 180 + 0.02 × ((50 + 10) − 180) = 177.6 s
    assertThat(engine.findQueue("q").orElseThrow().averageHandleTime()).isEqualTo(Duration.ofMillis(177_600));
  }
}
