package io.switchboard.routing.acd.strategy;

import java.time.Duration;

/** Durations as people read them in explanations: "42 s", "1.5 s". */
public final class Seconds {

  private Seconds() {
  }

  public static String text(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
