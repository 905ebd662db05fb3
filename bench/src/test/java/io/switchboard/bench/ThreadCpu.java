package io.switchboard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM's live threads at one moment, by thread group: the thread name with its trailing number
 * removed ({@code vert.x-eventloop-thread-3} → {@code vert.x-eventloop-thread}), so a window shows which pools
 * spend the CPU. Threads that ended inside the window are not seen.
 */
final class ThreadCpu {
  private final Map<Long, String> groupById = new HashMap<>();
  private final Map<Long, String> nameById = new HashMap<>();
  private final Map<Long, Long> cpuById = new HashMap<>();

  static ThreadCpu take() {
    ThreadCpu snapshot = new ThreadCpu();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      long cpu = threads.getThreadCpuTime(t.getId());
      if (cpu >= 0) {
        snapshot.groupById.put(t.getId(), group(t.getName()));
        snapshot.nameById.put(t.getId(), t.getName());
        snapshot.cpuById.put(t.getId(), cpu);
      }
    }
    return snapshot;
  }

  static String group(String threadName) {
    return threadName.replaceAll("[-#]?\\d+$", "");
  }

  /** Milliseconds of CPU each group spent from {@code earlier} to this snapshot, largest first. */
  Map<String, Double> millisSince(ThreadCpu earlier) {
    Map<String, Double> byGroup = new TreeMap<>();
    cpuById.forEach((id, cpu) -> {
      long delta = cpu - earlier.cpuById.getOrDefault(id, 0L);
      byGroup.merge(groupById.get(id), delta / 1e6, Double::sum);
    });
    return byGroup;
  }

  /** The {@code count} threads that spent the most CPU since {@code earlier}, by name, busiest first. */
  Map<String, Double> busiestThreadsSince(ThreadCpu earlier, int count) {
    Map<String, Double> top = new java.util.LinkedHashMap<>();
    cpuById.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue() - earlier.cpuById.getOrDefault(b.getKey(), 0L),
            a.getValue() - earlier.cpuById.getOrDefault(a.getKey(), 0L)))
        .limit(count)
        .forEach(e -> top.put(nameById.get(e.getKey()) + "#" + e.getKey(),
            Math.round((e.getValue() - earlier.cpuById.getOrDefault(e.getKey(), 0L)) / 1e5) / 10.0));
    return top;
  }
}
