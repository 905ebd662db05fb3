package io.switchboard.bench;

import io.switchboard.media.testpeer.PeerLoop;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One load run, start to finish: boots the real server in this JVM (random ports, temp data folder, demo trunk and
 * queue, recording on), then for each step grows the fleet of synthetic agents, has SIPp place the calls with the
 * harness's carrier media, measures, writes {@code <report-dir>/bench-<time>-<calls>.json} and prints a summary;
 * after several steps, a summary JSON and a PNG chart. docs/performance.md says how to run it.
 */
public final class LoadRun {
  static final String DID = "+4930555000";
  private static final String SERVER_ADDRESS = "127.0.0.1";
  /** Timer threads of the load generator's peers: they encrypt and send every agent's and caller's packet. */
  private static final int PEER_TIMER_THREADS = 2;
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private LoadRun() {
  }

  public static void main(String[] args) throws Exception {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args, Path.of("target"));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      List<LoadReport> reports = runSteps(options);
      System.exit(reports.stream().allMatch(r -> r.problems().isEmpty()) ? 0 : 1);
    } catch (Exception | Error e) {
      e.printStackTrace();
      // The server's and the agents' non-daemon threads would keep the JVM alive.
      System.exit(1);
    }
  }

  /** Runs every step of the load and returns the last step's report (all are written to the report folder). */
  public static LoadReport run(LoadOptions options) throws Exception {
    return runSteps(options).get(options.steps().size() - 1);
  }

  /** Runs every step in one server with one growing fleet; writes each step's JSON, the summary and the chart. */
  static List<LoadReport> runSteps(LoadOptions options) throws Exception {
    Path work = Files.createTempDirectory("switchboard-bench-");
    Vertx vertx = Vertx.vertx();
    SwitchboardServer server = null;
    PeerLoop loop = PeerLoop.create("bench-peer", PEER_TIMER_THREADS);
    List<LoadReport> reports = new ArrayList<>();
    try (GcPauses gc = new GcPauses()) {
      server = await(SwitchboardServer.start(vertx, Config.load(Map.of(), serverArgs(work))), STARTUP_TIMEOUT);
      try (AgentFleet fleet = AgentFleet.create(vertx, server, loop, options.maxCalls())) {
        for (int calls : options.steps()) {
          long loginStart = System.nanoTime();
          try {
            fleet.growTo(calls);
          } catch (Exception e) {
            // The machine could not even log this many agents in: the steps end here, the summary still comes.
            System.out.println("step " + calls + ": the fleet could not grow to " + calls + " agents ("
                + e + "); no further steps");
            break;
          }
          System.out.printf(Locale.ROOT, "step %d: %d agents Ready (logins took %.1f s)%n", calls, calls,
              (System.nanoTime() - loginStart) / 1e9);
          StepRecord record = runStep(options, calls, server, fleet, loop, gc, work);
          LoadReport report = new LoadReport(options, record);
          report.write();
          System.out.println(report.summary());
          reports.add(report);
          if (!report.problems().isEmpty() && calls != options.maxCalls()) {
            System.out.println("step " + calls + " had problems; the next steps run anyway");
          }
        }
      }
      if (reports.isEmpty()) {
        throw new IllegalStateException("no step ran: the fleet could not log in");
      }
      if (reports.size() > 1) {
        Path summary = StepsSummary.write(options.reportDir(), reports);
        System.out.println("steps summary and chart: " + summary + " (+ .png)");
      }
      return reports;
    } finally {
      if (server != null) {
        await(server.stop(), STARTUP_TIMEOUT);
      }
      await(vertx.close(), STARTUP_TIMEOUT);
      loop.close();
      deleteTree(work);
    }
  }

  private static StepRecord runStep(LoadOptions options, int calls, SwitchboardServer server, AgentFleet fleet,
      PeerLoop loop, GcPauses gc, Path work) throws Exception {
    List<BenchAgent> agents = fleet.agents().subList(0, calls);
    Duration longestCall = options.talk().plusSeconds(60);
    fleet.reset();
    long[] idleHeap = ResourceSnapshot.heapAfterGc();
    long idleRss = ProcStat.rssBytes();
    UdpSocketDrops drops = new UdpSocketDrops(server.webRtcPort());
    drops.sample();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bench-udp-drops");
      t.setDaemon(true);
      return t;
    });
    // Sockets of ended calls leave the table: sample often enough to see each before it goes.
    sampler.scheduleAtFixedRate(drops::sample, 500, 500, TimeUnit.MILLISECONDS);
    try (CarrierMedia carrier = CarrierMedia.open(loop, calls)) {
      gc.reset();
      ResourceSnapshot before = ResourceSnapshot.take();
      long placedAt = System.nanoTime();
      try (SippCarrier sipp = SippCarrier.start(server.sipPort(), DID, carrier.ports(), options.rate(),
          options.talk(), work)) {
        Duration ramp = Duration.ofSeconds(calls / options.rate() + 30);
        long[] loadedHeap = null;
        long loadedRss = -1;
        boolean allAnswered = waitUntil(() -> fleet.answered() >= calls, ramp);
        if (options.heapProbe() && allAnswered) {
          loadedHeap = ResourceSnapshot.heapAfterGc();
          loadedRss = ProcStat.rssBytes();
        }
        SteadyWindow steady = allAnswered ? SteadyWindow.measure(calls, options, fleet::ended,
            () -> fleet.rtpReceived() + carrier.rtpReceived(), sipp.pid(), () -> {
              // One-way delay is measured in the steady window: the heap probe's full GC above is the harness's.
              agents.forEach(a -> a.media().reception().resetDelays());
              carrier.resetDelays();
            }) : null;
        int exit = sipp.awaitExit(longestCall.plus(ramp));
        waitUntil(() -> fleet.ended() >= fleet.answered(), Duration.ofSeconds(30));
        ResourceSnapshot after = ResourceSnapshot.take();
        sampler.shutdownNow();
        drops.sample();
        long first = agents.stream().mapToLong(BenchAgent::answeredAtNanos).filter(t -> t > placedAt).min()
            .orElse(0);
        long last = agents.stream().mapToLong(BenchAgent::answeredAtNanos).filter(t -> t > placedAt).max()
            .orElse(0);
        return new StepRecord(calls, before, after, idleHeap, loadedHeap, idleRss, loadedRss, placedAt, first,
            last, exit, sipp.counts(), exit == 0 ? null : sipp.report(), List.copyOf(agents),
            carrier.receptions(), carrier.rtpSent(), drops.dropsByOwner(), steady, gc.summary());
      }
    } finally {
      sampler.shutdownNow();
    }
  }

  /**
   * The server's settings for a run; {@code -Dbench.server.args="--media.webrtc.sockets=1 ..."} adds settings
   * (space-separated) for before/after runs.
   */
  static List<String> serverArgs(Path work) {
    List<String> args = new ArrayList<>(baseServerArgs(work));
    // One SIPp is one source carrying every call, like a carrier at full tilt: these runs measure capacity, so
    // the edge's per-source flood limits and call cap (docs/reliability.md) are lifted out of the way.
    args.addAll(List.of(
        "--sip.edge.invites-per-second-per-source=1000000",
        "--sip.edge.invite-burst-per-source=1000000",
        "--sip.edge.requests-per-second-per-source=1000000",
        "--sip.edge.request-burst-per-source=1000000",
        "--sip.edge.max-calls=1000000"));
    return withExtraArgs(args);
  }

  /** As {@link #serverArgs}, with the SIP edge's flood limits as configured: for {@link FloodRun}, which measures them. */
  static List<String> serverArgsWithEdgeLimits(Path work) {
    return withExtraArgs(new ArrayList<>(baseServerArgs(work)));
  }

  private static List<String> baseServerArgs(Path work) {
    return List.of(
        "--http.port=0",
        "--http.host=127.0.0.1",
        "--media.webrtc.port=0",
        "--media.webrtc.bind-host=" + SERVER_ADDRESS,
        "--media.webrtc.announced-addresses=" + SERVER_ADDRESS,
        "--sip.bind-host=127.0.0.1",
        "--sip.port=0",
        "--demo.shop-port=0",
        "--media.rtp.bind-host=127.0.0.1",
        "--data.dir=" + work.toAbsolutePath(),
        "--demo.enabled=true");
  }

  private static List<String> withExtraArgs(List<String> args) {
    String extra = System.getProperty("bench.server.args", "").trim();
    if (!extra.isEmpty()) {
      args.addAll(List.of(extra.split("\\s+")));
    }
    return args;
  }

  /** Polls every 20 ms; false when {@code timeout} passed first. */
  private static boolean waitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  static <T> T await(Future<T> future, Duration timeout) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
