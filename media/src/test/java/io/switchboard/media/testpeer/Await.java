package io.switchboard.media.testpeer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling every 10 ms, with a timeout: tests never sleep a fixed time. */
public final class Await {
  private Await() {
  }

  public static void until(BooleanSupplier condition, Duration timeout, String what) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor();
    try {
      poll.scheduleAtFixedRate(() -> {
        if (condition.getAsBoolean()) {
          done.complete(null);
        }
      }, 0, 10, TimeUnit.MILLISECONDS);
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out after " + timeout + " waiting for " + what, e);
    } finally {
      poll.shutdownNow();
    }
  }
}
