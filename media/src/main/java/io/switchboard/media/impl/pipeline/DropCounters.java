package io.switchboard.media.impl.pipeline;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLongArray;

/** Dropped packets counted by reason. Cheap to bump from any thread. */
public final class DropCounters {
  private static final DropReason[] REASONS = DropReason.values();
  private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

  public void drop(DropReason reason) {
    counts.incrementAndGet(reason.ordinal());
  }

  public long count(DropReason reason) {
    return counts.get(reason.ordinal());
  }

  public long total() {
    long sum = 0;
    for (int i = 0; i < REASONS.length; i++) {
      sum += counts.get(i);
    }
    return sum;
  }

  /** Only the non-zero counters, by reason name. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (int i = 0; i < REASONS.length; i++) {
      long c = counts.get(i);
      if (c != 0) {
        json.put(REASONS[i].name().toLowerCase(java.util.Locale.ROOT), c);
      }
    }
    return json;
  }
}
