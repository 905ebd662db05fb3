package io.switchboard.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Every collection's duration while recording, from the JVM's GC notifications: the pauses the server's packets
 * waited out (G1's young and mixed collections stop the world for their whole duration; its concurrent cycle's
 * notifications are left out, they do not pause).
 */
final class GcPauses implements AutoCloseable {
  private final List<Long> pausesMillis = new ArrayList<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = (notification, handback) -> {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    // The heap probe's own System.gc() is the harness's, not the load's.
    if (info.getGcName().contains("Concurrent") || "System.gc()".equals(info.getGcCause())) {
      return;
    }
    synchronized (this) {
      pausesMillis.add(info.getGcInfo().getDuration());
    }
  };

  GcPauses() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  synchronized void reset() {
    pausesMillis.clear();
  }

  /** {count, total ms, longest ms} since the last reset. */
  synchronized long[] summary() {
    long total = 0;
    long longest = 0;
    for (long p : pausesMillis) {
      total += p;
      longest = Math.max(longest, p);
    }
    return new long[] {pausesMillis.size(), total, longest};
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (Exception ignored) {
        // Already gone.
      }
    }
  }
}
