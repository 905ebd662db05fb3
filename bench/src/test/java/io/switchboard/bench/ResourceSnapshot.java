package io.switchboard.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The harness JVM's costs at one moment: wall clock, process CPU, CPU of the load generator's own threads (the
 * agents' and the carrier's test peers), GC counts and pause totals, and the kernel's UDP receive-buffer drops.
 */
record ResourceSnapshot(long wallNanos, long processCpuNanos, long loadThreadsCpuNanos, long gcCount,
    long gcMillis, long udpRcvbufErrors) {

  /** Threads of the load generator in this JVM, by name prefix: the rest is the server. */
  private static final List<String> LOAD_THREADS = List.of("test-peer-", "bench-");

  static ResourceSnapshot take() {
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    return new ResourceSnapshot(System.nanoTime(), readProcessCpu(), readLoadThreadsCpu(), gcCount, gcMillis,
        UdpCounters.rcvbufErrors());
  }

  private static long readProcessCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long readLoadThreadsCpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (LOAD_THREADS.stream().anyMatch(t.getName()::startsWith)) {
        total += Math.max(0, threads.getThreadCpuTime(t.getId()));
      }
    }
    return total;
  }

  /** Heap in use right after a full collection; also returns the GC time that collection took. */
  static long[] heapAfterGc() {
    long gcBefore = take().gcMillis;
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new long[] {used, take().gcMillis - gcBefore};
  }

  double seconds(ResourceSnapshot later) {
    return TimeUnit.NANOSECONDS.toMillis(later.wallNanos - wallNanos) / 1000.0;
  }
}
