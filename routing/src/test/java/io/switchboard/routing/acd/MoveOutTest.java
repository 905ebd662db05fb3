package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.Decisions.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A waiting call leaves this engine for another node's queue (docs/scale.md): neither answered nor abandoned here. */
class MoveOutTest {

  private final ManualClock clock = new ManualClock();
  private final RoutingEngine engine = new RoutingEngine(clock, new SplittableRandom(1));

  @AfterEach
  void invariantsHold() {
    assertThat(InvariantCheck.check(engine)).isEmpty();
  }

  @Test
  void aWaitingCallMovedOut_leavesTheQueue_finishedAsMoved() {
    engine.addQueue(QueueConfig.of("support"));
    engine.callArrived(CallRequest.of("c1", "support"));
    engine.callArrived(CallRequest.of("c2", "support"));
    clock.advance(Duration.ofSeconds(12));

    List<Decision> d = engine.moveOut("c1");

    assertThat(of(CallFinished.class, d)).extracting(CallFinished::outcome).containsExactly(Outcome.MOVED);
    assertThat(engine.findCall("c1")).isEmpty();
    assertThat(engine.findQueue("support").orElseThrow().waiting()).extracting(RoutedCall::id)
        .containsExactly("c2");
  }

  @Test
  void aConnectedOrUnknownCall_cannotMove_andNothingChanges() {
    engine.addQueue(QueueConfig.of("support"));
    engine.addAgent(AgentProfile.of("anna", "support"));
    engine.login("anna");
    engine.ready("anna");
    engine.callArrived(CallRequest.of("c1", "support"));
    engine.answer("anna", "c1");

    assertThatThrownBy(() -> engine.moveOut("c1")).isInstanceOf(RoutingRejection.class);
    assertThatThrownBy(() -> engine.moveOut("c9")).isInstanceOf(RoutingRejection.class);
    assertThat(engine.findAgent("anna").orElseThrow().state()).isEqualTo(AgentState.ON_CALL);
  }
}
