package io.switchboard.routing.acd;

import static io.switchboard.routing.acd.Decisions.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.acd.explain.CandidateVerdict;
import io.switchboard.routing.acd.explain.OfferExplanation;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every offer says which members were considered, which rule removed whom, the scores and why the winner won. */
class OfferExplanationTest {

  @Test
  void offer_explainsCandidatesFiltersScoresAndTheWinner() {
    ManualClock clock = new ManualClock();
    RoutingEngine engine = new RoutingEngine(clock, new SplittableRandom(1));
    engine.addQueue(QueueConfig.of("support").withRingNoAnswer(Duration.ofSeconds(300), 3)
        .withWidening(SkillWidening.of(new WideningStep(Duration.ofSeconds(30), 1, false))));
    engine.addAgent(AgentProfile.of("anna", "support").withSkill("english", 5));
    engine.addAgent(AgentProfile.of("boris", "support").withSkill("english", 4));
    engine.addAgent(AgentProfile.of("chen", "support").withSkill("english", 2));
    engine.addAgent(AgentProfile.of("dana", "support").withSkill("english", 4));
    engine.addAgent(AgentProfile.of("emil", "support").withSkill("english", 4));
    for (String a : List.of("anna", "boris", "chen", "dana", "emil")) {
      engine.login(a);
    }
    engine.notReady("anna", "lunch");
    engine.ready("boris");
    clock.advanceSeconds(50);
    engine.ready("chen");
    engine.ready("emil");
    clock.advanceSeconds(10);
    engine.callArrived(CallRequest.of("c0", "support").withSkill("english", 4)); // boris, idle 60 s
    engine.callArrived(CallRequest.of("c1", "support").withSkill("english", 5).withPriority(3)); // nobody has 5
    clock.advanceSeconds(10);
    engine.ready("dana");
    clock.advanceSeconds(20); // c1 has waited 30 s: english>=4 now
    List<Decision> d = engine.tick();
    OfferExplanation why = of(Offer.class, d).get(0).explanation();
    System.out.println(why.describe());

    assertThat(why.callId()).isEqualTo("c1");
    assertThat(why.strategy()).isEqualTo("longest-idle");
    assertThat(why.waited()).isEqualTo(Duration.ofSeconds(30));
    assertThat(why.effectivePriority()).isEqualTo(3);
    assertThat(why.skillRule()).isEqualTo("english>=4 (widened: after 30 s: relax by 1)");
    assertThat(why.offeredTo()).containsExactly("emil");
    assertThat(why.candidates()).containsExactly(
        CandidateVerdict.filtered("anna", "state", "Not ready: lunch"),
        CandidateVerdict.filtered("boris", "state", "ringing for c0"),
        CandidateVerdict.filtered("chen", "skill", "english 2 < 4"),
        CandidateVerdict.ranked("dana", "idle 20 s", 20.0, 2, false),
        CandidateVerdict.ranked("emil", "idle 40 s", 40.0, 1, true));
    assertThat(why.why()).isEqualTo("offered to emil: longest idle (40 s)");
    assertThat(why.describe()).contains("chen: filtered by skill (english 2 < 4)", "emil: rank 1, idle 40 s -> offered",
        "=> offered to emil: longest idle (40 s)");
  }
}
