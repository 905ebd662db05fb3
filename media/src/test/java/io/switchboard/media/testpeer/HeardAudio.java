package io.switchboard.media.testpeer;

import io.switchboard.media.codec.G711;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The last 200 ms a test peer heard, decoded from G.711, and which tone dominates it. Thread-safe. */
final class HeardAudio {
  private static final int WINDOW = 1600;

  private final short[] samples = new short[WINDOW];
  private int position;

  /** Appends one packet's G.711 payload. */
  synchronized void add(byte[] payload, int offset, int length, boolean ulaw) {
    for (int i = 0; i < length; i++) {
      byte b = payload[offset + i];
      samples[position] = ulaw ? G711.ulawToLinear(b) : G711.alawToLinear(b);
      position = (position + 1) % WINDOW;
    }
  }

  /** Relative power of {@code frequency} in the window (0..1). */
  double toneLevel(double frequency) {
    short[] copy;
    synchronized (this) {
      copy = samples.clone();
    }
    return Goertzel.relativePower(copy, copy.length, frequency, 8000);
  }

  /** Completes when {@code frequency} dominates; fails after {@code timeout} with what was heard. */
  CompletableFuture<Double> awaitTone(double frequency, double threshold, Duration timeout,
      ScheduledExecutorService timers, Supplier<String> context) {
    CompletableFuture<Double> result = new CompletableFuture<>();
    ScheduledFuture<?> poll = timers.scheduleAtFixedRate(() -> {
      double level = toneLevel(frequency);
      if (level >= threshold) {
        result.complete(level);
      }
    }, 20, 20, TimeUnit.MILLISECONDS);
    return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((v, e) -> poll.cancel(false))
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(e instanceof TimeoutException
            ? new TimeoutException("did not hear " + frequency + " Hz within " + timeout + "; level "
                + toneLevel(frequency) + ", " + context.get())
            : e));
  }
}
