package io.switchboard.gateway.impl;

import io.switchboard.gateway.SipEdgeCounters;
import io.switchboard.gateway.SipTrafficObserver;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Named event counters; incremented from stack threads and the context alike. */
final class GatewayCounters implements SipEdgeCounters {

  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final SipTrafficObserver observer;

  GatewayCounters() {
    this(SipTrafficObserver.NONE);
  }

  /** Counters that also report every increment to {@code observer} (the server's metrics). */
  GatewayCounters(SipTrafficObserver observer) {
    this.observer = observer;
  }

  void increment(String name) {
    counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    observer.event(name);
  }

  long get(String name) {
    LongAdder adder = counters.get(name);
    return adder == null ? 0 : adder.sum();
  }

  @Override
  public Map<String, Long> rejectedByReason() {
    Map<String, Long> reasons = new TreeMap<>();
    counters.forEach((name, adder) -> {
      if (name.startsWith("rejected_") || name.startsWith("dropped_")) {
        reasons.put(name, adder.sum());
      }
    });
    return reasons;
  }

  @Override
  public long rejected(String reason) {
    return get(reason);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject();
    new TreeMap<>(counters).forEach((name, adder) -> json.put(name, adder.sum()));
    return json;
  }
}
