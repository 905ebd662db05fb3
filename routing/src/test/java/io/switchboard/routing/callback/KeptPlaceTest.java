package io.switchboard.routing.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.acd.CallRequest;
import io.switchboard.routing.acd.ManualClock;
import io.switchboard.routing.acd.QueueConfig;
import io.switchboard.routing.acd.RoutingEngine;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * "Keep my place": the callback of a caller who hung up keeping their place is due only when the calls that were
 * ahead of them have left the queue, not before, and calls that came later never push it back.
 */
class KeptPlaceTest {

  @Test
  void theCallbackIsDueOnlyWhenThePlaceReachesTheHead() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
    RoutingEngine engine = new RoutingEngine(clock, new SplittableRandom(1));
    engine.addQueue(QueueConfig.of("support"));
    engine.callArrived(CallRequest.of("first", "support"));
    clock.advanceSeconds(10);
    engine.callArrived(CallRequest.of("second", "support"));
    clock.advanceSeconds(10);
    // The third caller presses the callback digit at 10:00:30 and hangs up; their place dates from 10:00:20.
    KeptPlace kept = new KeptPlace("support", 0, clock.instant());
    clock.advanceSeconds(10);
    engine.callArrived(CallRequest.of("later", "support"));
    engine.callArrived(CallRequest.of("urgent-later", "support").withPriority(5));

    assertThat(kept.ahead(waiting(engine))).as("two earlier callers and one with a higher priority").isEqualTo(3);
    assertThat(kept.turnCome(waiting(engine))).isFalse();

    engine.hangUp("first");
    engine.hangUp("urgent-later");
    assertThat(kept.ahead(waiting(engine))).isEqualTo(1);
    assertThat(kept.turnCome(waiting(engine))).as("one caller still ahead").isFalse();

    engine.hangUp("second");
    assertThat(kept.turnCome(waiting(engine))).as("only a later caller waits: the turn has come").isTrue();
  }

  private static java.util.List<io.switchboard.routing.acd.RoutedCall> waiting(RoutingEngine engine) {
    return engine.findQueue("support").orElseThrow().waiting();
  }
}
