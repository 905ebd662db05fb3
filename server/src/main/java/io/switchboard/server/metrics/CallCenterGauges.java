package io.switchboard.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.switchboard.server.calls.LiveFigures;
import java.util.Locale;

/**
 * Calls in progress, calls waiting per queue and agents per state, from the last {@link LiveFigures} snapshot. The
 * scrape takes a fresh snapshot first (on the call center's context), so the gauges are as of the scrape; queues
 * that were removed from the configuration disappear from the output with the next snapshot.
 */
final class CallCenterGauges {

  private volatile LiveFigures figures = LiveFigures.NONE;
  private final MultiGauge byPhase;
  private final MultiGauge waiting;
  private final MultiGauge agents;

  CallCenterGauges(MeterRegistry registry) {
    Gauge.builder("switchboard.calls.active", this, g -> g.figures.activeCalls())
        .description("Calls in progress: in a flow, queued, connected, in a survey or leaving voicemail")
        .register(registry);
    byPhase = MultiGauge.builder("switchboard.calls.by.phase")
        .description("Calls in progress, by phase").register(registry);
    waiting = MultiGauge.builder("switchboard.queue.calls.waiting")
        .description("Calls waiting in a queue for an agent, by queue id").register(registry);
    agents = MultiGauge.builder("switchboard.agents")
        .description("Agents known to the routing engine, by state").register(registry);
  }

  void update(LiveFigures next) {
    figures = next;
    byPhase.register(next.callsByPhase().entrySet().stream()
        .map(e -> MultiGauge.Row.of(Tags.of("phase", e.getKey()), e.getValue())).toList(), true);
    waiting.register(next.waitingByQueue().entrySet().stream()
        .map(e -> MultiGauge.Row.of(Tags.of("queue", e.getKey()), e.getValue())).toList(), true);
    agents.register(next.agentsByState().entrySet().stream()
        .map(e -> MultiGauge.Row.of(Tags.of("state", e.getKey().name().toLowerCase(Locale.ROOT)), e.getValue()))
        .toList(), true);
  }

  LiveFigures figures() {
    return figures;
  }
}
