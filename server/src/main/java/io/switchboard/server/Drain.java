package io.switchboard.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The wait of a graceful drain (docs/reliability.md, "Graceful drain"): completes when no call is in progress any
 * more, when the limit has passed, or when cut short (a second SIGTERM), with the number of calls still up then.
 * The calls are counted every {@link #POLL_MS} on the call center's context: a drain lasts seconds to minutes, so a
 * fifth of a second late is nothing, and call control needs no hook for it.
 */
final class Drain {

  static final long POLL_MS = 200;
  private static final long REPORT_EVERY_MS = 10_000;
  private static final Logger LOG = Logger.getLogger(Drain.class.getName());

  private final Vertx vertx;
  private final Supplier<Future<Integer>> activeCalls;
  private final Promise<Integer> done = Promise.promise();
  private long deadline;
  private long nextReport;
  private int lastCount = -1;

  Drain(Vertx vertx, Supplier<Future<Integer>> activeCalls) {
    this.vertx = vertx;
    this.activeCalls = activeCalls;
  }

  /** Starts waiting; the future completes with the calls still in progress (0 when every call ended). */
  Future<Integer> start(Duration limit) {
    long now = System.nanoTime();
    deadline = now + limit.toNanos();
    nextReport = now;
    check();
    return done.future();
  }

  /** Ends the wait now, whatever is still up. */
  void cutShort() {
    activeCalls.get().onComplete(n -> done.tryComplete(n.succeeded() ? n.result() : lastCount));
  }

  private void check() {
    activeCalls.get().onComplete(n -> {
      if (done.future().isComplete()) {
        return;
      }
      int count = n.succeeded() ? n.result() : lastCount;
      lastCount = count;
      long now = System.nanoTime();
      if (count == 0 || now - deadline >= 0) {
        done.tryComplete(Math.max(count, 0));
        return;
      }
      if (now - nextReport >= 0) {
        long left = Duration.ofNanos(deadline - now).toSeconds();
        LOG.info(() -> "draining: " + count + " call(s) in progress, at most " + left + " s left");
        nextReport = now + REPORT_EVERY_MS * 1_000_000;
      }
      vertx.setTimer(POLL_MS, t -> check());
    });
  }
}
