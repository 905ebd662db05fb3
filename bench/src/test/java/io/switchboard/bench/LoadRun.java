package io.switchboard.bench;

import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One load run, start to finish: boots the real server in this JVM (random ports, temp data folder, demo trunk and
 * queue), logs in a fleet of synthetic agents, has SIPp place the calls, measures, writes
 * {@code <report-dir>/bench-<time>.json} and prints a summary. docs/performance.md says how to run it.
 */
public final class LoadRun {
  static final String DID = "+4930555000";
  /**
   * The server's WebRTC socket listens on 127.0.0.1 but announces 127.0.0.2 (still this machine), where the media
   * tap listens on the same port and relays to it: the agents' media passes the tap without being told.
   */
  private static final String SERVER_ADDRESS = "127.0.0.1";
  private static final String TAP_ADDRESS = "127.0.0.2";
  private static final int TAP_BUFFER_BYTES = 4 << 20;
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
      LoadReport report = run(options);
      System.out.println(report.summary());
      System.exit(report.problems().isEmpty() ? 0 : 1);
    } catch (Exception | Error e) {
      e.printStackTrace();
      // The server's and the agents' non-daemon threads would keep the JVM alive.
      System.exit(1);
    }
  }

  /** Runs the load and returns its report (already written to the report folder). */
  public static LoadReport run(LoadOptions options) throws Exception {
    Path work = Files.createTempDirectory("switchboard-bench-");
    Vertx vertx = Vertx.vertx();
    SwitchboardServer server = null;
    try {
      server = await(SwitchboardServer.start(vertx, Config.load(Map.of(), serverArgs(work))), STARTUP_TIMEOUT);
      int port = server.webRtcPort();
      Duration longestCall = options.talk().plusSeconds(60);
      LoadReport report;
      try (MediaTap tap = MediaTap.start(new InetSocketAddress(InetAddress.getByName(TAP_ADDRESS), port),
              new InetSocketAddress(InetAddress.getByName(SERVER_ADDRESS), port), TAP_BUFFER_BYTES);
          AgentFleet fleet = AgentFleet.logIn(vertx, server, options.calls(), longestCall)) {
        long[] idleHeap = ResourceSnapshot.heapAfterGc();
        UdpSocketDrops drops = new UdpSocketDrops(port);
        drops.sample();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "bench-udp-drops");
          t.setDaemon(true);
          return t;
        });
        // Sockets of ended calls leave the table: sample often enough to see each before it goes.
        sampler.scheduleAtFixedRate(drops::sample, 500, 500, TimeUnit.MILLISECONDS);
        ResourceSnapshot before = ResourceSnapshot.take();
        try (SippCarrier sipp = SippCarrier.start(server.sipPort(), DID, options.calls(), options.rate(),
            options.talk(), work)) {
          Duration ramp = Duration.ofSeconds(options.calls() / options.rate() + 30);
          long[] loadedHeap = null;
          boolean allAnswered = waitUntil(() -> fleet.answered() >= options.calls(), ramp);
          if (options.heapProbe() && allAnswered) {
            loadedHeap = ResourceSnapshot.heapAfterGc();
          }
          SteadyWindow steady = allAnswered ? SteadyWindow.measure(options, fleet::ended) : null;
          int exit = sipp.awaitExit(longestCall.plus(ramp));
          waitUntil(() -> fleet.ended() >= fleet.answered(), Duration.ofSeconds(30));
          ResourceSnapshot after = ResourceSnapshot.take();
          sampler.shutdownNow();
          drops.sample();
          fleet.stopAnswering();
          tap.close();
          report = new LoadReport(options, before, after, idleHeap, loadedHeap, exit, sipp.counts(),
              exit == 0 ? null : sipp.report(), fleet.agents(), tap.byAgentUfrag(), tap.droppedSendBufferFull(),
              drops.dropsByOwner(), steady);
        }
      }
      report.write();
      return report;
    } finally {
      if (server != null) {
        await(server.stop(), STARTUP_TIMEOUT);
      }
      await(vertx.close(), STARTUP_TIMEOUT);
      deleteTree(work);
    }
  }

  private static List<String> serverArgs(Path work) {
    return List.of(
        "--http.port=0",
        "--http.host=127.0.0.1",
        "--media.webrtc.port=0",
        "--media.webrtc.bind-host=" + SERVER_ADDRESS,
        "--media.webrtc.announced-addresses=" + TAP_ADDRESS,
        "--sip.bind-host=127.0.0.1",
        "--sip.port=0",
        "--media.rtp.bind-host=127.0.0.1",
        "--data.dir=" + work.toAbsolutePath(),
        "--demo.enabled=true");
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

  private static <T> T await(Future<T> future, Duration timeout) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
