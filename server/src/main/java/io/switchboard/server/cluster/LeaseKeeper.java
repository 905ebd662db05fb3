package io.switchboard.server.cluster;

import io.switchboard.server.store.Lease;
import io.switchboard.server.store.Leases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps trying for one named lease and renews it while held (docs/scale.md): every {@code renewEvery} one conditional
 * update in MongoDB. Tells {@code gained} each time it is taken (with its new epoch) and {@code lost} when a renewal
 * finds another holder or the term ran out without a successful renewal (the database was unreachable).
 */
final class LeaseKeeper {
  private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());

  private final Vertx vertx;
  private final Leases leases;
  private final String name;
  private final String owner;
  private final Duration duration;
  private final Duration renewEvery;
  private final Consumer<Lease> gained;
  private final Consumer<Lease> renewed;
  private final Runnable lost;
  private long timer = -1;
  private boolean busy;
  private boolean closed;
  /** Read from other contexts (call control asks whether this node leads). */
  private volatile Lease held;

  LeaseKeeper(Vertx vertx, Leases leases, String name, String owner, Duration duration, Duration renewEvery,
      Consumer<Lease> gained, Consumer<Lease> renewed, Runnable lost) {
    this.vertx = vertx;
    this.leases = leases;
    this.name = name;
    this.owner = owner;
    this.duration = duration;
    this.renewEvery = renewEvery;
    this.gained = gained;
    this.renewed = renewed;
    this.lost = lost;
  }

  /** Tries at once, then every {@code renewEvery}; completes after the first try. */
  Future<Void> start() {
    timer = vertx.setPeriodic(renewEvery.toMillis(), id -> tick());
    return tick();
  }

  /** The lease while held, else null. */
  Lease held() {
    return held;
  }

  private Future<Void> tick() {
    if (busy || closed) {
      return Future.succeededFuture(); // a slow database: never two attempts in flight
    }
    busy = true;
    return leases.acquire(name, owner, duration).map(result -> {
      Lease before = held;
      held = result.orElse(null);
      if (held != null && (before == null || before.epoch() != held.epoch())) {
        if (before != null) {
          lost.run(); // lapsed and taken again: a new term, whatever the old one had going is stale
        }
        LOG.info(() -> owner + " holds lease " + name + " (epoch " + held.epoch() + ")");
        gained.accept(held);
      } else if (held != null) {
        renewed.accept(held);
      } else if (before != null) {
        LOG.warning(() -> owner + " lost lease " + name + " (epoch " + before.epoch() + ")");
        lost.run();
      }
      return (Void) null;
    }).recover(e -> {
      LOG.log(Level.WARNING, "lease " + name + " not renewed: " + e.getMessage());
      if (held != null && System.currentTimeMillis() >= held.untilMillis()) {
        held = null;
        lost.run();
      }
      return Future.succeededFuture();
    }).eventually(() -> {
      busy = false;
      return Future.succeededFuture();
    });
  }

  /** Stops renewing and gives the lease up, so another node takes it without waiting for it to lapse. */
  Future<Void> close() {
    closed = true;
    vertx.cancelTimer(timer);
    Lease last = held;
    held = null;
    return last == null ? Future.succeededFuture() : leases.release(last).recover(e -> Future.succeededFuture());
  }
}
