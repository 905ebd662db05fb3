package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.Decisions.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A completed transfer: the connected call moves to a colleague; the first agent wraps up, nobody waits again. */
class HandOverTest {

  private final ManualClock clock = new ManualClock();
  private final RoutingEngine engine = new RoutingEngine(clock, new SplittableRandom(1));

  @AfterEach
  void invariantsHold() {
    assertThat(InvariantCheck.check(engine)).isEmpty();
  }

  private AgentState stateOf(String agent) {
    return engine.findAgent(agent).orElseThrow().state();
  }

  private void connectedToAnna() {
    engine.addQueue(QueueConfig.of("support"));
    for (String a : List.of("anna", "boris", "chen")) {
      engine.addAgent(AgentProfile.of(a, "support"));
      engine.login(a);
    }
    engine.ready("anna");
    engine.callArrived(CallRequest.of("c1", "support"));
    engine.answer("anna", "c1");
  }

  @Test
  void handOverToAReservedColleague_connectsThem_andTheFirstAgentLeavesTheCall() {
    connectedToAnna();
    engine.ready("boris");
    engine.notReady("boris", "consultation");
    clock.advance(Duration.ofSeconds(30));

    List<Decision> d = engine.handOver("c1", "boris");

    assertThat(of(Connect.class, d)).containsExactly(new Connect("c1", "boris", "support", Duration.ZERO));
    assertThat(of(CallFinished.class, d)).as("the call goes on").isEmpty();
    assertThat(stateOf("boris")).isEqualTo(AgentState.ON_CALL);
    assertThat(stateOf("anna")).isNotEqualTo(AgentState.ON_CALL);
    assertThat(engine.findCall("c1").orElseThrow().agentId()).isEqualTo("boris");
    assertThat(engine.findAgent("anna").orElseThrow().callsTaken()).isEqualTo(1);

    assertThat(of(CallFinished.class, engine.hangUp("c1"))).extracting(CallFinished::outcome)
        .containsExactly(Outcome.ANSWERED);
    assertThat(stateOf("boris")).isNotEqualTo(AgentState.ON_CALL);
  }

  @Test
  void aBusyOrUnknownColleague_isRefused_andNothingChanges() {
    connectedToAnna();
    engine.ready("boris");
    engine.callArrived(CallRequest.of("c2", "support"));
    engine.answer("boris", "c2");

    assertThatThrownBy(() -> engine.handOver("c1", "boris")).isInstanceOf(RoutingRejection.class)
        .hasMessageContaining("busy");
    assertThatThrownBy(() -> engine.handOver("c1", "anna")).isInstanceOf(RoutingRejection.class);
    assertThatThrownBy(() -> engine.handOver("c9", "chen")).isInstanceOf(RoutingRejection.class);
    assertThatThrownBy(() -> engine.handOver("c1", "nobody")).isInstanceOf(RoutingRejection.class);
    assertThat(engine.findCall("c1").orElseThrow().agentId()).isEqualTo("anna");
    assertThat(stateOf("anna")).isEqualTo(AgentState.ON_CALL);
  }
}
