package io.switchboard.server;

import io.switchboard.server.config.Config;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * What SIGTERM and SIGINT do (docs/reliability.md, "Graceful drain"): the first drains (no new calls or sign-ins,
 * calls in progress go on for up to {@code shutdown.drain-seconds}), then stops gracefully and exits with 0, or 1 if
 * the stop failed; a second one cuts the drain short. The JVM's own handling of these signals would run the
 * shutdown hooks at once and exit with 143, so they are taken over here ({@code sun.misc.Signal}, the one API the
 * JDK has for it). Any other way out (System.exit, SIGHUP) still stops gracefully through the shutdown hook, without
 * the drain.
 */
final class StopSignals {

  private final Vertx vertx;
  private final SwitchboardServer server;
  private final Config config;
  private final AtomicInteger signals = new AtomicInteger();
  private boolean stopped;

  StopSignals(Vertx vertx, SwitchboardServer server, Config config) {
    this.vertx = vertx;
    this.server = server;
    this.config = config;
  }

  void install() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "switchboard-shutdown"));
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), this::onSignal);
      } catch (IllegalArgumentException e) {
        // The JVM keeps this signal (-Xrs, or it is ignored): the shutdown hook still stops gracefully.
        System.err.println("Switchboard: SIG" + name + " stops without a drain: " + e.getMessage());
      }
    }
  }

  private void onSignal(Signal signal) {
    if (signals.incrementAndGet() == 1) {
      Thread drain = new Thread(this::drainThenExit, "switchboard-drain");
      drain.start();
    } else {
      System.err.println("Switchboard: SIG" + signal.getName() + " again: ending the drain now");
      server.cutDrainShort();
    }
  }

  private void drainThenExit() {
    Duration limit = config.drainTimeout();
    if (!limit.isZero()) {
      // Plain stderr, as in stop(): the operator watching the console sees it whatever the logging setup.
      System.err.println("Switchboard is draining: no new calls or sign-ins; calls in progress may go on for up to "
          + limit.toSeconds() + " s (send SIGTERM again to stop now)");
      try {
        int left = server.drain(limit).await(limit.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        System.err.println(left == 0 ? "Switchboard: every call has ended"
            : "Switchboard: " + left + " call(s) still in progress; ending them");
      } catch (Exception e) {
        System.err.println("Switchboard: the drain did not finish: " + e.getMessage());
      }
    }
    System.exit(stop() ? 0 : 1);
  }

  /** The graceful stop, once; true if it finished without an error. */
  private synchronized boolean stop() {
    if (stopped) {
      return true;
    }
    stopped = true;
    long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
    // Plain stderr, not JUL: the LogManager resets its handlers in its own shutdown hook, racing this one.
    System.err.println("Switchboard is stopping...");
    boolean clean = true;
    try {
      server.stop().await(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      clean = false;
      System.err.println("Switchboard: graceful stop did not finish: " + e.getMessage());
    }
    try {
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      vertx.close().await(left, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      System.err.println("Switchboard: Vert.x did not close in time: " + e.getMessage());
    }
    System.err.println("Switchboard stopped.");
    return clean;
  }
}
