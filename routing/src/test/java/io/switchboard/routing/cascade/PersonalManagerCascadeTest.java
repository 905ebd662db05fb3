package io.switchboard.routing.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.acd.AgentProfile;
import io.switchboard.routing.acd.ManualClock;
import io.switchboard.routing.acd.QueueConfig;
import io.switchboard.routing.acd.RoutingEngine;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PersonalManagerCascadeTest {

  private static final CascadePlan.Timers TIMERS =
      new CascadePlan.Timers(Duration.ofSeconds(20), Duration.ofSeconds(15), Duration.ofSeconds(10));

  private static AgentAvailability onlyAvailable(Set<String> ready) {
    return ready::contains;
  }

  @Test
  void managersTogether_thenLastAgent_thenSupervisor_thenQueue_eachWithItsTimer() {
    var plan = new CascadePlan("anna", List.of("boris", "chen"), "dana", "sup", "support", TIMERS);
    var c = new PersonalManagerCascade(plan, onlyAvailable(Set.of("anna", "boris", "chen", "dana", "sup")));

    CascadeStep s1 = c.next();
    assertThat(s1.kind()).isEqualTo(CascadeStep.Kind.RING);
    assertThat(s1.name()).isEqualTo("managers");
    assertThat(s1.agents()).containsExactly("anna", "boris", "chen");
    assertThat(s1.timeout()).isEqualTo(Duration.ofSeconds(20));
    CascadeStep s2 = c.next();
    assertThat(s2.agents()).containsExactly("dana");
    assertThat(s2.timeout()).isEqualTo(Duration.ofSeconds(15));
    CascadeStep s3 = c.next();
    assertThat(s3.agents()).containsExactly("sup");
    assertThat(s3.timeout()).isEqualTo(Duration.ofSeconds(10));
    CascadeStep s4 = c.next();
    assertThat(s4.kind()).isEqualTo(CascadeStep.Kind.QUEUE);
    assertThat(s4.queueId()).isEqualTo("support");
    assertThat(c.next().kind()).isEqualTo(CascadeStep.Kind.QUEUE);
  }

  @Test
  void busyManagerIsSkipped_backupsStillRing_andTheExplanationSaysWhy() {
    var plan = new CascadePlan("anna", List.of("boris"), null, "sup", "support", TIMERS);
    AgentAvailability a = new AgentAvailability() {
      @Override
      public boolean available(String id) {
        return !id.equals("anna");
      }

      @Override
      public String describe(String id) {
        return id.equals("anna") ? "On call" : "Ready";
      }
    };
    var c = new PersonalManagerCascade(plan, a);
    CascadeStep s1 = c.next();
    assertThat(s1.agents()).containsExactly("boris");
    assertThat(s1.explanation()).contains("skipped personal manager anna: On call");
    CascadeStep s2 = c.next();
    assertThat(s2.name()).isEqualTo("supervisor");
    assertThat(s2.explanation()).contains("last-agent: nobody configured");
  }

  @Test
  void lastAgentWhoIsAlsoTheManagerIsNotRungTwice() {
    var plan = new CascadePlan("anna", List.of(), "anna", null, "support", TIMERS);
    var c = new PersonalManagerCascade(plan, onlyAvailable(Set.of("anna")));
    assertThat(c.next().agents()).containsExactly("anna");
    CascadeStep q = c.next();
    assertThat(q.kind()).isEqualTo(CascadeStep.Kind.QUEUE);
    assertThat(q.explanation()).contains("last agent anna: already rung");
  }

  @Test
  void nobodyAvailable_goesStraightToTheQueue() {
    var plan = new CascadePlan("anna", List.of("boris"), "dana", "sup", "support", TIMERS);
    CascadeStep s = new PersonalManagerCascade(plan, onlyAvailable(Set.of())).next();
    assertThat(s.kind()).isEqualTo(CascadeStep.Kind.QUEUE);
    assertThat(s.explanation()).contains("anna", "boris", "dana", "sup");
  }

  @Test
  void availabilityFromTheEngine_onlyReadyAgentsRing() {
    var engine = new RoutingEngine(new ManualClock(), new SplittableRandom(1));
    engine.addQueue(QueueConfig.of("support"));
    engine.addAgent(AgentProfile.of("anna", "support"));
    engine.addAgent(AgentProfile.of("boris", "support"));
    engine.login("anna");
    engine.login("boris");
    engine.ready("boris");
    var c = new PersonalManagerCascade(new CascadePlan("anna", List.of("boris", "ghost"), null, null, "support",
        TIMERS), new EngineAvailability(engine));
    CascadeStep s = c.next();
    assertThat(s.agents()).containsExactly("boris");
    assertThat(s.explanation()).contains("anna: Not ready: login", "ghost: unknown agent");
  }
}
