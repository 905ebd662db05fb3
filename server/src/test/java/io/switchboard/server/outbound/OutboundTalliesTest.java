package io.switchboard.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.media.testpeer.Await;
import io.switchboard.server.config.Config;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-day spend cap survives a restart: the counts live in MongoDB (the embedded one's file here). */
class OutboundTalliesTest {
  private static final DialingParty ALICE = new DialingParty("agent", "a-1", "alice", List.of("agent"));
  private static final String NUMBER = "+4915112345678";

  @TempDir
  Path dir;
  private Vertx vertx;
  private Config config;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    config = Config.load(System.getenv(), List.of("--data.dir=" + dir, "--mongodb.embedded.port=0"));
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private static OutboundWall wall(Instant now) {
    TrunkPolicy pstn = new TrunkPolicy("pstn", new DialPlan("DE", false, false), "+4930555000", 5, 2, List.of(),
        List.of("alice"), true, Duration.ofSeconds(30));
    return new OutboundWall(List.of(pstn), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void twoCallsOfACapOfTwo_thenARestart_theThirdIsStillRefused_butTheNextDayStartsAfresh() throws Exception {
    Instant morning = Instant.parse("2026-12-07T09:00:00Z");
    Store store = await(Store.open(vertx, config.mongo(), dir));
    OutboundWall before = wall(morning);
    await(OutboundTallies.attach(store, before));
    before.released(before.admit(ALICE, null, NUMBER));
    before.released(before.admit(ALICE, null, NUMBER));
    Await.until(() -> await(store.setting("outbound.started.pstn")).map(t -> t.getInteger("started") == 2)
        .orElse(false), Duration.ofSeconds(10), "the count stored");
    await(store.close());

    // A restart: a new store on the same data folder, a new wall.
    Store reopened = await(Store.open(vertx, config.mongo(), dir));
    OutboundWall after = wall(morning.plusSeconds(3600));
    await(OutboundTallies.attach(reopened, after));
    assertThat(after.startedToday("pstn")).isEqualTo(2);
    assertThatThrownBy(() -> after.admit(ALICE, null, NUMBER)).isInstanceOf(OutboundWall.Refused.class)
        .satisfies(e -> assertThat(((OutboundWall.Refused) e).reason()).isEqualTo("daily_cap"));

    OutboundWall nextDay = wall(morning.plus(Duration.ofDays(1)));
    await(OutboundTallies.attach(reopened, nextDay));
    assertThat(nextDay.startedToday("pstn")).isZero();
    nextDay.admit(ALICE, null, NUMBER);
    await(reopened.close());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
