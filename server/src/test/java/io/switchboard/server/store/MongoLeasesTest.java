package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The cluster's leases on the embedded MongoDB (or MONGODB_URI): contention, expiry, take-over and fencing. */
@ExtendWith(VertxExtension.class)
class MongoLeasesTest {

  private static final Duration LEASE = Duration.ofSeconds(3);
  private final String db = TestStores.database();
  /** The nodes' shared clock, moved by hand: expiry without waiting. */
  private final MovableClock clock = new MovableClock();

  @Test
  void twoContenders_exactlyOneHoldsIt_andRenewingKeepsTheEpoch(Vertx vertx, @TempDir Path dir) throws Exception {
    withLeases(vertx, dir, leases -> {
      List<Future<Optional<Lease>>> race = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        race.add(leases.acquire("acd", i % 2 == 0 ? "node-a" : "node-b", LEASE));
      }
      return Future.all(race).compose(all -> {
        List<Lease> held = race.stream().map(f -> f.result()).flatMap(Optional::stream).toList();
        assertThat(held).isNotEmpty();
        assertThat(held.stream().map(Lease::owner).distinct()).hasSize(1);
        assertThat(held.stream().map(Lease::epoch).distinct()).containsExactly(1L);
        String winner = held.get(0).owner();
        String loser = winner.equals("node-a") ? "node-b" : "node-a";
        clock.advance(Duration.ofSeconds(2));
        return leases.acquire("acd", winner, LEASE).compose(renewed -> {
          assertThat(renewed).get().extracting(Lease::epoch).isEqualTo(1L);
          assertThat(renewed.get().untilMillis()).isEqualTo(clock.millis() + LEASE.toMillis());
          clock.advance(Duration.ofSeconds(2)); // past the first term, within the renewed one
          return leases.acquire("acd", loser, LEASE);
        }).map(refused -> {
          assertThat(refused).isEmpty();
          return null;
        });
      });
    });
  }

  @Test
  void aLeaseNotRenewed_lapses_anotherNodeTakesItWithANewEpoch_andTheOldHolderCannotRenew(Vertx vertx,
      @TempDir Path dir) throws Exception {
    withLeases(vertx, dir, leases -> leases.acquire("acd", "node-a", LEASE).compose(a -> {
      assertThat(a).isPresent();
      clock.advance(LEASE.plusMillis(1)); // node A stopped renewing (killed, paused)
      return leases.live("acd").compose(live -> {
        assertThat(live).isEmpty();
        return leases.acquire("acd", "node-b", LEASE);
      }).compose(b -> {
        assertThat(b).get().extracting(Lease::owner, Lease::epoch).containsExactly("node-b", 2L);
        return leases.acquire("acd", "node-a", LEASE); // A wakes up and tries to renew
      }).compose(aAgain -> {
        assertThat(aAgain).isEmpty();
        return leases.live("acd");
      }).map(live -> {
        assertThat(live).extracting(Lease::owner).containsExactly("node-b");
        return null;
      });
    }));
  }

  @Test
  void aStaleLeader_isFencedOff_itsOlderEpochCannotOverwriteItsSuccessorsState(Vertx vertx, @TempDir Path dir)
      throws Exception {
    withLeases(vertx, dir, leases -> leases.acquire("acd", "node-a", LEASE).compose(a -> {
      long epochA = a.orElseThrow().epoch();
      return leases.saveFenced("acd", epochA, new JsonObject().put("by", "a")).compose(saved -> {
        assertThat(saved).isTrue();
        clock.advance(LEASE.plusMillis(1));
        return leases.acquire("acd", "node-b", LEASE);
      }).compose(b -> leases.saveFenced("acd", b.orElseThrow().epoch(), new JsonObject().put("by", "b")))
          .compose(savedByB -> {
            assertThat(savedByB).isTrue();
            return leases.saveFenced("acd", epochA, new JsonObject().put("by", "a, late")); // A after its pause
          }).compose(savedLate -> {
            assertThat(savedLate).isFalse();
            return leases.fencedState("acd");
          }).map(state -> {
            assertThat(state).get().satisfies(s -> {
              assertThat(s.getLong("epoch")).isEqualTo(2L);
              assertThat(s.getJsonObject("state").getString("by")).isEqualTo("b");
            });
            return null;
          });
    }));
  }

  @Test
  void aReleasedLease_isTakenAtOnceByAnother_andNodeLeasesAreListedByPrefix(Vertx vertx, @TempDir Path dir)
      throws Exception {
    withLeases(vertx, dir, leases -> leases.acquire("acd", "node-a", LEASE)
        .compose(a -> leases.release(a.orElseThrow()))
        .compose(v -> leases.acquire("acd", "node-b", LEASE))
        .compose(b -> {
          assertThat(b).get().extracting(Lease::owner, Lease::epoch).containsExactly("node-b", 2L);
          return Future.all(leases.acquire("node:a", "a", LEASE), leases.acquire("node:b", "b", LEASE));
        })
        .compose(v -> leases.live("node:"))
        .map(live -> {
          assertThat(live).extracting(Lease::owner).containsExactlyInAnyOrder("a", "b");
          return null;
        }));
  }

  private void withLeases(Vertx vertx, Path dir, java.util.function.Function<Leases, Future<?>> work)
      throws Exception {
    TestStores.withRawClient(vertx, dir, db, client -> work.apply(new MongoLeases(client, clock, Durability.NONE)))
        .await(20, TimeUnit.SECONDS);
  }

  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-07T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
