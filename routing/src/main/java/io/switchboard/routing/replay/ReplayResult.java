package io.switchboard.routing.replay;

import io.switchboard.routing.acd.QueueConfig;
import io.switchboard.routing.config.QueueTargets;
import io.switchboard.routing.config.RoutingConfiguration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replayed day: each call's fate, each queue's figures, and how fast it ran.
 *
 * @param calls one per recorded call, in the recorded order
 * @param queues figures by queue id, in the configuration's queue order (then queues only the calls name)
 * @param simulated simulated time from the day's first event to the last
 * @param computed wall-clock time the replay took
 * @param engineEvents how many engine events were run
 * @param rejections engine events refused (none expected: each is a bug in the replay's bookkeeping)
 */
public record ReplayResult(List<ReplayedCall> calls, Map<String, QueueFigures> queues, Duration simulated,
    Duration computed, long engineEvents, List<String> rejections) {

  /** Simulated seconds per wall-clock second. */
  public double speedUp() {
    long nanos = Math.max(1, computed.toNanos());
    return simulated.toNanos() / (double) nanos;
  }

  /** Per-queue figures of {@code calls}, measured against each queue's service-level threshold in {@code config}. */
  public static Map<String, QueueFigures> figures(RoutingConfiguration config, List<ReplayedCall> calls) {
    Map<String, QueueFigures> out = new LinkedHashMap<>();
    for (QueueConfig q : config.queues()) {
      out.put(q.id(), QueueFigures.empty(q.id(), threshold(config, q.id())));
    }
    for (ReplayedCall c : calls) {
      if (c.queueId() == null) {
        continue;
      }
      out.computeIfAbsent(c.queueId(), id -> QueueFigures.empty(id, threshold(config, id)));
      out.computeIfPresent(c.queueId(), (id, f) -> f.plus(c.outcome(), c.waited()));
    }
    return out;
  }

  private static Duration threshold(RoutingConfiguration config, String queueId) {
    return config.queueTargets().getOrDefault(queueId, QueueTargets.DEFAULT).serviceLevel();
  }
}
