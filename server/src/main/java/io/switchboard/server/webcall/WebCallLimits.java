package io.switchboard.server.webcall;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Admission of web calls: at most N calls per client address and M per entry point in any sliding minute, and at
 * most K web calls up at once. A call is admitted only if every limit allows it, and only then counted, so a refused
 * attempt takes nothing from anybody. Times are {@link System#nanoTime()} values passed in.
 */
final class WebCallLimits {
  private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final int perIp;
  private final int perEntry;
  private final int maxCalls;
  private final Map<String, ArrayDeque<Long>> byIp = new HashMap<>();
  private final Map<String, ArrayDeque<Long>> byEntry = new HashMap<>();
  private int active;

  WebCallLimits(int perIp, int perEntry, int maxCalls) {
    this.perIp = perIp;
    this.perEntry = perEntry;
    this.maxCalls = maxCalls;
  }

  /** Admits a call (counting it, and one more up) or says which limit refuses it (counting nothing). */
  synchronized WebCallError admit(String ip, String entry, long nowNanos) {
    ArrayDeque<Long> ipCalls = recent(byIp, ip, nowNanos);
    ArrayDeque<Long> entryCalls = recent(byEntry, entry, nowNanos);
    if (ipCalls.size() >= perIp || entryCalls.size() >= perEntry) {
      return WebCallError.RATE_LIMITED;
    }
    if (active >= maxCalls) {
      return WebCallError.BUSY;
    }
    ipCalls.addLast(nowNanos);
    entryCalls.addLast(nowNanos);
    active++;
    return null;
  }

  /** An admitted call is over (or never got going): its place under the cap is free; its rate stays counted. */
  synchronized void release() {
    active = Math.max(0, active - 1);
  }

  synchronized int active() {
    return active;
  }

  /** Forgets keys with no call in the window (a scan with many addresses must not grow memory for good). */
  synchronized void sweep(long nowNanos) {
    sweep(byIp, nowNanos);
    sweep(byEntry, nowNanos);
  }

  private static ArrayDeque<Long> recent(Map<String, ArrayDeque<Long>> map, String key, long nowNanos) {
    ArrayDeque<Long> times = map.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!times.isEmpty() && nowNanos - times.peekFirst() >= WINDOW_NANOS) {
      times.pollFirst();
    }
    return times;
  }

  private static void sweep(Map<String, ArrayDeque<Long>> map, long nowNanos) {
    for (Iterator<ArrayDeque<Long>> it = map.values().iterator(); it.hasNext(); ) {
      ArrayDeque<Long> times = it.next();
      while (!times.isEmpty() && nowNanos - times.peekFirst() >= WINDOW_NANOS) {
        times.pollFirst();
      }
      if (times.isEmpty()) {
        it.remove();
      }
    }
  }
}
