package io.switchboard.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.gateway.SipGateway;
import io.switchboard.media.RtpPorts;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.media.prompt.Prompts;
import io.switchboard.media.recording.Recordings;
import io.switchboard.server.api.CallbacksApi;
import io.switchboard.server.api.PlannerApi;
import io.switchboard.server.api.QualityApi;
import io.switchboard.server.api.ReplayApi;
import io.switchboard.server.api.ReportsApi;
import io.switchboard.server.replay.DayReplays;
import io.switchboard.server.api.CallsApi;
import io.switchboard.server.api.CustomersApi;
import io.switchboard.server.api.DispositionsApi;
import io.switchboard.server.api.IceServersApi;
import io.switchboard.server.api.IncidentsApi;
import io.switchboard.server.api.AgentControl;
import io.switchboard.server.api.LiveApi;
import io.switchboard.server.api.NumberListImport;
import io.switchboard.server.api.RoutingConfigApi;
import io.switchboard.server.api.FlowTestApi;
import io.switchboard.server.calls.FlowSimulation;
import io.switchboard.server.api.PromptsApi;
import io.switchboard.server.trunks.CredentialSeal;
import io.switchboard.server.trunks.TrunkDocuments;
import io.switchboard.server.api.UsersApi;
import io.switchboard.server.api.SupervisorScope;
import io.switchboard.server.api.VoicemailsApi;
import io.switchboard.server.api.WrapUpApi;
import io.switchboard.server.calls.CallCenter;
import io.switchboard.server.calls.InterruptedCalls;
import io.switchboard.server.calls.LiveFigures;
import io.switchboard.server.calls.AgentOverrides;
import io.switchboard.server.live.AgentNames;
import io.switchboard.server.live.LiveFeed;
import io.switchboard.server.live.LiveStats;
import io.switchboard.server.live.WallboardSocket;
import io.switchboard.server.config.Config;
import io.switchboard.server.http.HttpVerticle;
import io.switchboard.server.metrics.ServerMetrics;
import io.switchboard.server.calls.OutboundDialer;
import io.switchboard.server.outbound.OutboundWall;
import io.switchboard.server.routingconfig.RoutingConfigStore;
import io.switchboard.server.store.Store;
import io.switchboard.server.webcall.WebChannel;
import io.switchboard.signaling.AgentSignaling;
import io.switchboard.signaling.SignalingConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The running server. Starts, in dependency order, the store, media (WebRTC endpoint, trunk RTP ports,
 * recordings), the call center, the SIP gateway, agent signaling and HTTP; stops them in reverse (docs/closures.md).
 * A start that fails half-way closes what it had started.
 */
public final class SwitchboardServer {

  private static final Logger LOG = Logger.getLogger(SwitchboardServer.class.getName());

  private final Vertx vertx;
  private final Deque<Supplier<Future<?>>> closers;
  private final Store store;
  private final RoutingConfigStore routingConfig;
  private final WebRtcEndpoint endpoint;
  private final SipGateway gateway;
  private final CallCenter callCenter;
  private final HttpVerticle http;
  private final AgentSignaling signaling;
  private final ServerMetrics metrics;
  private final DemoShop shop;
  private Future<Void> stopped;
  private Drain drain;
  private Future<Integer> drained;

  private SwitchboardServer(Vertx vertx, Deque<Supplier<Future<?>>> closers, Store store,
      RoutingConfigStore routingConfig, WebRtcEndpoint endpoint, SipGateway gateway, CallCenter callCenter,
      HttpVerticle http, AgentSignaling signaling, ServerMetrics metrics, DemoShop shop) {
    this.signaling = signaling;
    this.metrics = metrics;
    this.shop = shop;
    this.vertx = vertx;
    this.closers = closers;
    this.store = store;
    this.routingConfig = routingConfig;
    this.endpoint = endpoint;
    this.gateway = gateway;
    this.callCenter = callCenter;
    this.http = http;
  }

  /**
   * Starts a server. Fails with a one-line message naming the part and setting at fault (a taken port, an
   * unreachable database), having closed whatever had already started.
   */
  public static Future<SwitchboardServer> start(Vertx vertx, Config config) {
    return start(vertx, config, MediaStarter.REAL);
  }

  /**
   * As {@link #start(Vertx, Config)}, with the metrics in {@code registry}: the one {@link ServerMetrics#vertx} gave
   * to {@code vertx}, so {@code GET /metrics} also shows Vert.x's own figures.
   */
  public static Future<SwitchboardServer> start(Vertx vertx, Config config, PrometheusMeterRegistry registry) {
    return start(vertx, config, MediaStarter.REAL, registry);
  }

  static Future<SwitchboardServer> start(Vertx vertx, Config config, MediaStarter media) {
    return start(vertx, config, media, ServerMetrics.newRegistry());
  }

  static Future<SwitchboardServer> start(Vertx vertx, Config config, MediaStarter media,
      PrometheusMeterRegistry registry) {
    Deque<Supplier<Future<?>>> closers = new ArrayDeque<>();
    Parts parts = new Parts();
    ServerMetrics metrics = new ServerMetrics(registry);
    closers.push(() -> {
      metrics.close();
      return Future.succeededFuture();
    });
    // With demo data the shop page listens first: its origin is what the demo's web entry point allows.
    Future<DemoShop> shop = !config.demo() ? Future.succeededFuture()
        : DemoShop.start(vertx, config.http().host(), config.webCall().demoShopPort(),
            () -> parts.http == null ? 0 : parts.http.actualPort()).onSuccess(s -> {
              parts.shop = s;
              closers.push(s::close);
            });
    Future<SwitchboardServer> started = shop.compose(s -> Store.open(vertx, config.mongo(), config.dataDir(), metrics.store()))
        .compose(store -> {
          parts.store = store;
          closers.push(store::close);
          return config.demo() ? Demo.seed(vertx, store, config.calls(), parts.shop.origins())
              : Future.succeededFuture();
        })
        // A new installation without demo data: one admin account, so the console can be opened at all.
        .compose(v -> FirstAdmin.ensure(vertx, parts.store, config.auth().firstAdminPassword(), config.dataDir()))
        // After the demo's documents, before call control: the configuration calls are routed by.
        // Trunks are configuration documents too (sealed credentials); the trunks collection seeds them once.
        .compose(v -> vertx.executeBlocking(() -> Secrets.configKey(config.dataDir())))
        .compose(key -> {
          parts.trunkKind = new TrunkDocuments(new CredentialSeal(key));
          return LiveTrunks.migrate(parts.store, parts.trunkKind);
        })
        .compose(v -> RoutingConfigStore.open(vertx.getOrCreateContext(), parts.store, List.of(parts.trunkKind)))
        .compose(routingConfig -> {
          parts.routingConfig = routingConfig;
          parts.liveTrunks = new LiveTrunks(routingConfig, parts.trunkKind);
          return Future.succeededFuture();
        })
        .compose(v -> startMedia(vertx, config, media))
        .compose(endpoint -> {
          parts.endpoint = metrics.observe(endpoint);
          closers.push(endpoint::close);
          parts.rtpPorts = RtpPorts.create(vertx, config.rtp());
          metrics.observe(parts.rtpPorts);
          closers.push(parts.rtpPorts::close);
          return vertx.executeBlocking(() -> Recordings.open(config.calls().recordingsDir()));
        })
        .compose(recordings -> {
          closers.push(() -> vertx.executeBlocking(() -> {
            recordings.close();
            return null;
          }));
          parts.recordings = recordings;
          // After the recordings' crash repair, before any call: records a crash left "in_progress".
          return InterruptedCalls.close(vertx, parts.store, recordings.folder(),
              config.cluster().enabled() ? config.cluster().nodeId() : null);
        })
        // One node of several (docs/scale.md): its liveness lease before any call, then the ACD lead.
        .compose(interrupted -> !config.cluster().enabled() ? Future.succeededFuture()
            : new io.switchboard.server.cluster.ClusterNode(vertx, config.cluster(), parts.store,
                parts.recordings.folder()).start().map(node -> {
                  parts.clusterNode = node;
                  closers.push(node::close);
                  return interrupted;
                }))
        // Built-in prompts, and the admin's own recordings from <data.dir>/prompts/<lang>/<id>.wav over them.
        .compose(interrupted -> vertx.executeBlocking(() -> Prompts.load(config.dataDir().resolve("prompts"))))
        .compose(prompts -> {
          parts.prompts = prompts;
          List<JsonObject> stored = parts.liveTrunks.gatewayDocuments();
          parts.trunkDocuments = stored;
          parts.callCenter = new CallCenter(vertx, config.calls(), parts.store, parts.endpoint, parts.recordings,
              parts.prompts, parts.routingConfig.current());
          if (config.cluster().enabled()) {
            parts.callCenter.clusterNode(config.cluster().nodeId());
            String me = config.cluster().nodeId();
            parts.callCenter.link(me, parts.rtpPorts, () -> parts.store.leases().live("node:").map(live -> live
                .stream().map(io.switchboard.server.store.Lease::owner).filter(n -> !n.equals(me)).sorted().toList()),
                parts.clusterNode::leaderEpoch);
          }
          parts.routingConfig.onChange(parts.callCenter::apply);
          // The wallboard's figures: fed by call control, configured like it.
          parts.liveStats = new LiveStats(java.time.Clock.system(config.live().timeZone()));
          parts.liveStats.configure(parts.routingConfig.current());
          AgentNames.lookUp(parts.store, parts.liveStats, parts.routingConfig.current());
          parts.routingConfig.onChange(next -> {
            parts.liveStats.configure(next);
            AgentNames.lookUp(parts.store, parts.liveStats, next);
          });
          parts.callCenter.listen(parts.liveStats);
          closers.push(parts.callCenter::close);
          CallCenter callCenter = parts.callCenter;
          metrics.liveFigures(() -> LiveFigures.of(callCenter));
          return SipGateway.start(vertx, config.sip(), Routing.trunks(stored), parts.rtpPorts,
                  parts.callCenter, config.sipEdge(), metrics.sip())
              .recover(e -> Future.failedFuture(new IllegalStateException("SIP cannot listen on "
                  + config.sip().bindHost() + ":" + config.sip().port() + " (sip.port): " + e.getMessage(), e)));
        })
        .compose(gateway -> {
          parts.gateway = gateway;
          closers.push(gateway::close);
          if (parts.clusterNode != null) {
            // Cut off from the database for a lease term: new calls go to the other nodes (docs/scale.md).
            Duration retryAfter = config.cluster().lease();
            closers.push(new io.switchboard.server.cluster.DatabaseLossDrain(config.cluster().lease(),
                parts.clusterNode::lastDatabaseContact, () -> gateway.pauseNewCalls(retryAfter),
                gateway::resumeNewCalls).start(vertx)::close);
          }
          // The one place the trunk dialer is handed out: to the call center's outbound dialer (docs/security.md).
          OutboundWall wall = new OutboundWall(Routing.outboundPolicies(parts.trunkDocuments),
              java.time.Clock.systemUTC());
          parts.liveTrunks.attach(gateway, wall);
          parts.callCenter.outbound(
              new OutboundDialer(gateway.dialer(), wall, Routing.referTrunks(parts.trunkDocuments)),
              Routing.callbackSchedule(parts.trunkDocuments));
          // A trunk's transfer: refer follows the live trunks too (ADR 0010): the dialer holds nothing else, so a
          // new one with the same wall takes over (no callback schedule: the running one stays).
          parts.liveTrunks.onReferTrunks(refer -> parts.callCenter.outbound(
              new OutboundDialer(gateway.dialer(), wall, refer), null));
          // The per-day cap counts what was started before a restart too (docs/security.md).
          return io.switchboard.server.outbound.OutboundTallies.attach(parts.store, wall)
              .compose(v -> vertx.executeBlocking(() -> Secrets.jwtSecret(config.auth(), config.dataDir())));
        })
        .compose(secret -> {
          WebChannel web = new WebChannel(vertx, config.webCall(), secret,
              name -> parts.routingConfig.current().entryPoints().webEntry(name), parts.endpoint, parts.callCenter);
          closers.push(web::close);
          AgentSignaling signaling = AgentSignaling.create(vertx,
              SignalingConfig.withSecret(secret).withTokenLifetime(config.auth().tokenLifetime())
                  .withLoginLockout(config.auth().loginLockout()),
              parts.store::agentByUsername, parts.callCenter.desk(), parts.callCenter.supervisors());
          closers.push(signaling::close);
          // Half the shutdown budget for in-flight requests; the rest is for calls, media and the store.
          // A supervisor hears the calls of the groups they supervise; without any group, of everyone.
          SupervisorScope scope = (supervisor, agent) -> parts.routingConfig.current().groups().isEmpty()
              || parts.routingConfig.current().supervises(supervisor, agent);
          CallsApi history = CallsApi.create(vertx, parts.store, signaling::authenticate,
              config.calls().recordingsDir(), scope);
          HttpVerticle http = new HttpVerticle(config.http(), parts.store, parts.endpoint, router -> {
            if (config.metrics().enabled()) {
              router.get("/metrics").handler(metrics.endpoint(config.metrics()));
            }
            signaling.mount(router);
            web.mount(router);
            IceServersApi.create(web.iceServers(), signaling::authenticate).mount(router);
            io.switchboard.server.api.EchoResource.create(parts.endpoint, signaling::authenticate).mount(router);
            history.mount(router);
            CustomersApi.create(parts.store, signaling::authenticate).mount(router);
            IncidentsApi.create(parts.store, signaling::authenticate).mount(router);
            WrapUpApi.create(parts.store, signaling::authenticate).mount(router);
            DispositionsApi.create(parts.store, signaling::authenticate, parts.store::saveAudit).mount(router);
            UsersApi.create(vertx, parts.store, signaling::authenticate, parts.store::saveAudit).mount(router);
            NumberListImport.create(signaling::authenticate).mount(router);
            RoutingConfigApi.create(parts.routingConfig, signaling::authenticate, parts.store::saveAudit)
                .mount(router);
            FlowTestApi.create(parts.routingConfig, FlowSimulation::run, signaling::authenticate).mount(router);
            PromptsApi.create(vertx, parts.callCenter::prompts, parts.callCenter::prompts,
                config.dataDir().resolve("prompts"), signaling::authenticate).mount(router);
            VoicemailsApi.create(vertx, parts.store, signaling::authenticate, config.calls().recordingsDir())
                .mount(router);
            CallbacksApi.create(parts.store, signaling::authenticate).mount(router);
            ReportsApi.create(parts.store, signaling::authenticate, config.reports(), parts.routingConfig)
                .mount(router);
            PlannerApi.create(parts.store, signaling::authenticate, config.reports()).mount(router);
            QualityApi.create(parts.store, signaling::authenticate, scope, config.reports()).mount(router);
            ReplayApi.create(new DayReplays(vertx, parts.store, parts.routingConfig, config.reports().zone()),
                signaling::authenticate).mount(router);
            Supplier<java.util.List<String>> reasons = () ->
                AgentOverrides.reasons(parts.routingConfig.current());
            LiveFeed feed = new LiveFeed(vertx, parts.liveStats, config.live(), reasons);
            AgentOverrides commands = parts.callCenter.agentOverrides();
            LiveApi.create(feed, new AgentControl() {
              @Override
              public Future<Void> forceNotReady(String agentId, String reason) {
                return commands.forceNotReady(agentId, reason);
              }

              @Override
              public Future<Void> logOut(String agentId) {
                return commands.logOut(agentId);
              }
            }, parts.store, signaling::authenticate, scope, reasons).mount(router);
            WallboardSocket boards = new WallboardSocket(vertx, feed, signaling::authenticate,
                viewer -> LiveApi.visibility(viewer, scope));
            boards.mount(router);
            closers.push(boards::close);
          }, config.shutdownTimeout().dividedBy(2));
          parts.http = http;
          return vertx.deployVerticle(http).map(id -> {
            closers.push(() -> vertx.undeploy(id));
            return new SwitchboardServer(vertx, closers, parts.store, parts.routingConfig, parts.endpoint,
                parts.gateway, parts.callCenter, http, signaling, metrics, parts.shop);
          });
        });
    return started
        .onSuccess(server -> LOG.info(() -> "Switchboard started: HTTP on " + config.http().host() + ":"
            + server.httpPort() + ", SIP on " + server.sipPort() + ", WebRTC on UDP " + server.webRtcPort()
            + ", data in " + server.store.description()))
        .recover(e -> closeAll(closers).transform(closed -> Future.failedFuture(e)));
  }

  /** What has been started so far, while starting. */
  private static final class Parts {
    Store store;
    RoutingConfigStore routingConfig;
    WebRtcEndpoint endpoint;
    RtpPorts rtpPorts;
    Recordings recordings;
    Prompts prompts;
    CallCenter callCenter;
    io.switchboard.server.cluster.ClusterNode clusterNode;
    SipGateway gateway;
    LiveStats liveStats;
    DemoShop shop;
    HttpVerticle http;
    java.util.List<io.vertx.core.json.JsonObject> trunkDocuments;
    TrunkDocuments trunkKind;
    LiveTrunks liveTrunks;
  }

  private static Future<WebRtcEndpoint> startMedia(Vertx vertx, Config config, MediaStarter media) {
    Future<WebRtcEndpoint> started;
    try {
      started = media.start(vertx, config.webRtc());
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    return started.recover(e -> Future.failedFuture(new IllegalStateException("WebRTC media cannot start on UDP "
        + config.webRtc().bindHost() + ":" + config.webRtc().port() + " (media.webrtc.port): " + e.getMessage(), e)));
  }

  /** Runs the closers newest first; each runs even if the one before failed. */
  private static Future<Void> closeAll(Deque<Supplier<Future<?>>> closers) {
    Future<?> chain = Future.succeededFuture();
    while (!closers.isEmpty()) {
      Supplier<Future<?>> closer = closers.pop();
      chain = chain.eventually(() -> {
        try {
          return closer.get();
        } catch (RuntimeException e) {
          return Future.failedFuture(e);
        }
      });
    }
    return chain.mapEmpty();
  }

  /** The TCP port the HTTP server is bound to. */
  public int httpPort() {
    return http.actualPort();
  }

  /** The demo shop page's port (another origin, embedding the widget), or -1 without demo data. */
  public int demoShopPort() {
    return shop == null ? -1 : shop.port();
  }

  /** The UDP port the WebRTC media endpoint is bound to. */
  public int webRtcPort() {
    return endpoint.localPort();
  }

  /** The SIP port (UDP and TCP). */
  public int sipPort() {
    return gateway.port();
  }

  /** The SIP gateway's trunks, registrations and dialogs as it runs them now (debugging, tests). */
  public io.vertx.core.json.JsonObject sipState() {
    return gateway.debugState();
  }

  /** The store, for the parts of the server built on it (and for tests). */
  public Store store() {
    return store;
  }

  /** The routing configuration in force and its changes (docs/routing.md, "Configuration"). */
  public RoutingConfigStore routingConfig() {
    return routingConfig;
  }

  /** Calls in progress (queued, ringing or connected). */
  public Future<Integer> activeCalls() {
    return callCenter.activeCalls();
  }

  /** The metrics behind {@code GET /metrics} (docs/metrics.md). */
  public ServerMetrics metrics() {
    return metrics;
  }

  /**
   * Drains before a stop (docs/reliability.md, "Graceful drain"): from now on new INVITEs get 503 with Retry-After
   * and new agent sign-ins are refused, while the calls in progress go on, agents' sockets and the HTTP API stay up.
   * Completes with the number of calls still in progress when every call has ended (0), the limit has passed, or
   * {@link #cutDrainShort()} was called; {@link #stop()} then ends what is left and writes its history. Idempotent.
   */
  public synchronized Future<Integer> drain(Duration limit) {
    if (drain == null) {
      LOG.info(() -> "draining: no new calls or sign-ins; calls in progress may go on for up to "
          + limit.toSeconds() + " s");
      metrics.draining(true);
      Duration retryAfter = limit.isZero() ? Duration.ofSeconds(1) : limit;
      gateway.drain(retryAfter);
      signaling.drain(retryAfter);
      drain = new Drain(vertx, callCenter::activeCalls);
      drained = drain.start(limit);
    }
    return drained;
  }

  /** Ends a drain's wait at once (a second SIGTERM); a no-op without a drain. */
  public synchronized void cutDrainShort() {
    if (drain != null) {
      drain.cutShort();
    }
  }

  /**
   * Stops gracefully: HTTP stops accepting and in-flight requests finish, agents' sockets close, calls end with BYE,
   * the SIP stack and media close, then the store. Each step runs even if the one before failed. Idempotent: every
   * call returns the same future.
   */
  public synchronized Future<Void> stop() {
    if (stopped == null) {
      stopped = closeAll(closers)
          .onFailure(e -> LOG.warning("Switchboard stopped with an error: " + e))
          .mapEmpty();
    }
    return stopped;
  }
}
