package io.switchboard.gateway.impl;

import io.switchboard.gateway.SipTrafficObserver;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Named event counters; incremented from stack threads and the context alike. */
final class GatewayCounters {

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

  JsonObject toJson() {
    JsonObject json = new JsonObject();
    new TreeMap<>(counters).forEach((name, adder) -> json.put(name, adder.sum()));
    return json;
  }
}
