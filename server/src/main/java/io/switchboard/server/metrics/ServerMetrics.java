package io.switchboard.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.gateway.SipTrafficObserver;
import io.switchboard.media.RtpPorts;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.server.calls.LiveFigures;
import io.switchboard.server.store.StoreLatency;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's metrics (docs/metrics.md): one Prometheus registry per server holding the JVM's figures, Vert.x's own
 * (when the Vert.x instance was built by {@link #vertx}) and ours. The modules report through small interfaces of
 * their own ({@link SipTrafficObserver}, {@link StoreLatency}); only this package knows Micrometer.
 */
public final class ServerMetrics {

  /** The store's latency buckets: a local write takes about a millisecond, a slow replica set a second. */
  private static final Duration[] STORE_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)};
  /** A scrape never waits longer than this for the call center's snapshot; it shows the previous one instead. */
  private static final long SNAPSHOT_WAIT_MS = 1_000;

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final SipMetrics sip;
  private final CallCenterGauges callCenter;
  private final Map<String, Timer> storeTimers = new ConcurrentHashMap<>();
  private volatile Supplier<Future<LiveFigures>> liveFigures = () -> Future.succeededFuture(LiveFigures.NONE);
  private volatile boolean draining;

  /** A registry for {@link #vertx} and {@link #ServerMetrics}. */
  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * A Vert.x instance that reports its own metrics (HTTP server, event bus, worker pools) into {@code registry}.
   * Not its datagram sockets: those are the media sockets, where Vert.x would record every RTP packet (tens of
   * thousands a second at full load) into a summary; media counts its own packets and drops.
   */
  public static Vertx vertx(PrometheusMeterRegistry registry) {
    return builder(registry, new VertxOptions()).build();
  }

  /** A builder for a Vert.x with {@code options} and these metrics: for a clustered one (docs/scale.md). */
  public static io.vertx.core.VertxBuilder builder(PrometheusMeterRegistry registry, VertxOptions options) {
    return Vertx.builder()
        .with(options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET)))
        .withMetrics(new MicrometerMetricsFactory(registry));
  }

  public ServerMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    sip = new SipMetrics(registry);
    callCenter = new CallCenterGauges(registry);
    Gauge.builder("switchboard.draining", this, m -> m.draining ? 1 : 0)
        .description("1 while the server drains before it stops (new calls and logins refused), else 0")
        .register(registry);
  }

  /** What the SIP gateway reports to. */
  public SipTrafficObserver sip() {
    return sip;
  }

  /** What the store reports each MongoDB command's duration to. */
  public StoreLatency store() {
    return (command, succeeded, nanos) -> storeTimers.computeIfAbsent(command + (succeeded ? "" : " failed"),
        k -> Timer.builder("switchboard.store.command")
            .description("MongoDB commands, by command and outcome")
            .tags("command", command, "outcome", succeeded ? "ok" : "error")
            .serviceLevelObjectives(STORE_BUCKETS)
            .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The WebRTC endpoint, with its sessions and their close reasons (DTLS failures) counted. */
  public WebRtcEndpoint observe(WebRtcEndpoint endpoint) {
    return new ObservedWebRtcEndpoint(endpoint, registry);
  }

  /** Trunk legs' RTP ports in use, and RFC 3550 loss and jitter of what the carriers send. */
  public void observe(RtpPorts ports) {
    Gauge.builder("switchboard.trunk.rtp.legs.active", ports, RtpPorts::openLegs)
        .description("Trunk RTP legs (ports) open now").register(registry);
    FunctionCounter.builder("switchboard.rtp.packets.expected", ports, p -> p.reception().expectedTotal())
        .description("RTP packets expected from the carriers (RFC 3550 A.1), every trunk leg since start")
        .register(registry);
    FunctionCounter.builder("switchboard.rtp.packets.lost", ports, p -> p.reception().lostTotal())
        .description("RTP packets from the carriers that never arrived (RFC 3550 A.1)").register(registry);
    Gauge.builder("switchboard.rtp.loss.ratio", ports, p -> p.reception().openLossRatio())
        .description("Fraction of packets lost on the trunk legs open now").register(registry);
    Gauge.builder("switchboard.rtp.jitter", ports, p -> p.reception().maxJitterMillis() / 1000)
        .description("Interarrival jitter (RFC 3550 A.8) of the trunk legs open now, the highest")
        .tag("stat", "max").baseUnit("seconds").register(registry);
    Gauge.builder("switchboard.rtp.jitter", ports, p -> p.reception().meanJitterMillis() / 1000)
        .description("Interarrival jitter (RFC 3550 A.8) of the trunk legs open now, the mean")
        .tag("stat", "mean").baseUnit("seconds").register(registry);
  }

  /** Where the call center's figures come from (taken fresh at each scrape). */
  public void liveFigures(Supplier<Future<LiveFigures>> source) {
    this.liveFigures = source;
  }

  /** Marks the server as draining ({@code switchboard_draining 1}). */
  public void draining(boolean now) {
    draining = now;
  }

  /** {@code GET /metrics}, with the access rule of {@code config}. */
  public Handler<RoutingContext> endpoint(MetricsConfig config) {
    return new MetricsEndpoint(this, config);
  }

  /** The text exposition: a fresh call-center snapshot first, then the registry, off the event loop. */
  public Future<String> scrape(Vertx vertx) {
    Future<LiveFigures> snapshot;
    try {
      snapshot = liveFigures.get().timeout(SNAPSHOT_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      snapshot = Future.failedFuture(e);
    }
    return snapshot
        .onSuccess(callCenter::update)
        .transform(ignored -> vertx.executeBlocking(registry::scrape, false));
  }

  /** The registry, for tests and for the Vert.x instance's own metrics. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Stops the GC listener; the registry stays readable. */
  public void close() {
    gc.close();
  }
}
