package io.switchboard.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.acd.AgentProfile;
import io.switchboard.routing.acd.CallRequest;
import io.switchboard.routing.acd.Decision;
import io.switchboard.routing.acd.QueueConfig;
import io.switchboard.routing.acd.RoutingEngine;
import io.switchboard.routing.config.ConfigurationFactory;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link LiveStats} fed by the real routing engine's decisions, in the order the engine emits them (the scripted day
 * in {@link LiveStatsTest} writes them by hand): a call answered after 4 s, talked 60 s, wrapped up 5 s.
 */
class LiveStatsFromTheEngineTest {
  private Instant now = Instant.parse("2026-12-07T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final RoutingEngine engine = new RoutingEngine(() -> now, new SplittableRandom(1));
  private final LiveStats stats = new LiveStats(clock);

  @Test
  void answeredTalkedWrappedUp_oneHandledCallOf65Seconds() {
    stats.configure(ConfigurationFactory.create(1, Map.of(
        "queue", List.of(Map.of("id", "support", "wrapUp", 5)),
        "agent", List.of(Map.of("id", "ann", "queues", List.of("support"))))));
    engine.addQueue(QueueConfig.of("support").withWrapUp(Duration.ofSeconds(5)));
    feed(() -> engine.updateAgent(AgentProfile.of("ann", "support")));
    feed(() -> engine.login("ann"));
    feed(() -> engine.ready("ann"));

    feed(() -> engine.callArrived(new CallRequest("c1", "support", 0, Map.of())));
    now = now.plusSeconds(4);
    feed(() -> engine.answer("ann", "c1"));
    now = now.plusSeconds(60);
    feed(() -> engine.hangUp("c1"));
    JsonObject inWrapUp = support();
    now = now.plusSeconds(5);
    feed(engine::tick);

    // Answered after 4 s ≤ 20 s: SL 1 ÷ 1 = 100 %, ASA 4 s; handled once the wrap-up is over: 60 + 5 = 65 s.
    assertThat(inWrapUp.getLong("handled")).isZero();
    assertThat(inWrapUp.getJsonObject("agents").getInteger("wrapUp")).isEqualTo(1);
    JsonObject support = support();
    assertThat(support.getDouble("serviceLevel")).isEqualTo(100.0);
    assertThat(support.getDouble("asaSeconds")).isEqualTo(4.0);
    assertThat(support.getLong("handled")).isEqualTo(1);
    assertThat(support.getDouble("ahtSeconds")).isEqualTo(65.0);
    assertThat(support.getJsonObject("agents").getInteger("ready")).isEqualTo(1);
  }

  private void feed(Supplier<List<Decision>> event) {
    event.get().forEach(stats::decided);
  }

  private JsonObject support() {
    return stats.snapshot().toJson(LiveConfig.DEFAULT).getJsonArray("queues").getJsonObject(0);
  }
}
