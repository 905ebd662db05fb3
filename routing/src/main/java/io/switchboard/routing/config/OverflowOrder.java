package io.switchboard.routing.config;

import io.switchboard.routing.acd.OverflowTarget;
import io.switchboard.routing.acd.QueueConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Orders queues so each overflow target comes before the queues overflowing into it (what
 * {@code RoutingEngine.addQueue} requires), keeping document order otherwise; a cycle is a problem naming it
 * ({@code "queues: overflow cycle support -> sales -> support"}): a call could bounce between them forever.
 */
final class OverflowOrder {

  private OverflowOrder() {
  }

  static List<QueueConfig> order(Map<String, QueueConfig> queues, List<String> problems) {
    List<QueueConfig> out = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    Set<String> reported = new LinkedHashSet<>();
    for (String id : queues.keySet()) {
      visit(id, queues, new ArrayList<>(), done, out, reported, problems);
    }
    return out;
  }

  private static void visit(String id, Map<String, QueueConfig> queues, List<String> path, Set<String> done,
      List<QueueConfig> out, Set<String> reported, List<String> problems) {
    if (done.contains(id) || !queues.containsKey(id)) {
      return;
    }
    int at = path.indexOf(id);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
      // Report each cycle once, from its first member in document order.
      if (reported.addAll(cycle)) {
        cycle.add(id);
        problems.add("queues: overflow cycle " + String.join(" -> ", cycle));
      }
      return;
    }
    path.add(id);
    QueueConfig q = queues.get(id);
    targets(q).forEach(t -> visit(t, queues, path, done, out, reported, problems));
    path.remove(path.size() - 1);
    if (done.add(id)) {
      out.add(q);
    }
  }

  private static Stream<String> targets(QueueConfig q) {
    return Stream.of(q.whenFull(), q.whenMaxWait(), q.whenNoAgents()).filter(Objects::nonNull)
        .filter(t -> t.kind() == OverflowTarget.Kind.QUEUE).map(OverflowTarget::queueId).distinct();
  }
}
