package io.switchboard.bench;

import io.switchboard.media.CloseReason;
import io.switchboard.media.MediaSink;
import io.switchboard.media.WebRtcConfig;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.media.WebRtcSession;
import io.switchboard.media.testpeer.PeerLoop;
import io.switchboard.media.testpeer.WebRtcTestPeer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DTLS handshakes per second of our {@link WebRtcEndpoint}: test peers offer, connect (ICE check, DTLS handshake as
 * client, SRTP keys) and close, {@code concurrency} at a time, for a fixed time after a warm-up. Each connect is a
 * full session setup as an agent's login makes it (ECDSA P-256 certificates both sides). Reports completed setups
 * per second, their latency, and the CPU of the server's side (the process minus the peers' threads).
 * Usage: {@code BENCH_MAIN=io.switchboard.bench.DtlsHandshakeRun bench/run [seconds] [concurrency]}.
 */
public final class DtlsHandshakeRun {
  private DtlsHandshakeRun() {
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    try {
      System.out.println(run(Duration.ofSeconds(seconds), concurrency, Path.of("target")).encodePrettily());
      System.exit(0);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  static JsonObject run(Duration time, int concurrency, Path reportDir) throws Exception {
    Vertx vertx = Vertx.vertx();
    PeerLoop loop = PeerLoop.create("bench-peer", 1);
    WebRtcEndpoint endpoint = LoadRun.await(WebRtcEndpoint.create(vertx, new WebRtcConfig("127.0.0.1", 0,
        List.of("127.0.0.1"), 1 << 20, 1 << 20, Duration.ofSeconds(10), Duration.ofSeconds(10))),
        Duration.ofSeconds(30));
    try {
      // Warm-up: the JIT compiles BouncyCastle's handshake and our path.
      // The driver (peers' certificates, offers) runs on a bench- thread, so it counts as the load generator's.
      java.util.concurrent.ExecutorService driver = java.util.concurrent.Executors.newSingleThreadExecutor(
          r -> new Thread(r, "bench-dtls-driver"));
      try {
        driver.submit(() -> handshakes(endpoint, loop, Duration.ofSeconds(Math.min(10, time.toSeconds())),
            concurrency)).get();
        ResourceSnapshot before = ResourceSnapshot.take();
        List<Long> latencies = driver.submit(() -> handshakes(endpoint, loop, time, concurrency)).get();
        ResourceSnapshot after = ResourceSnapshot.take();
        return report(before, after, latencies, concurrency, reportDir);
      } finally {
        driver.shutdownNow();
      }
    } finally {
      LoadRun.await(endpoint.close(), Duration.ofSeconds(30));
      loop.close();
      LoadRun.await(vertx.close(), Duration.ofSeconds(30));
    }
  }

  private static JsonObject report(ResourceSnapshot before, ResourceSnapshot after, List<Long> latencies,
      int concurrency, Path reportDir) throws java.io.IOException {
    {
      double seconds = before.seconds(after);
      double processMs = (after.processCpuNanos() - before.processCpuNanos()) / 1e6;
      double peersMs = (after.loadThreadsCpuNanos() - before.loadThreadsCpuNanos()) / 1e6;
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      int n = sorted.length;
      JsonObject result = new JsonObject()
          .put("startedAt", LocalDateTime.now().toString())
          .put("concurrency", concurrency)
          .put("seconds", LoadReport.round(seconds, 2))
          .put("handshakes", n)
          .put("handshakesPerSecond", LoadReport.round(n / seconds, 1))
          .put("latencyMsP50", n == 0 ? null : LoadReport.round(sorted[n / 2] / 1e6, 2))
          .put("latencyMsP99", n == 0 ? null : LoadReport.round(sorted[Math.max(0, (int) Math.ceil(n * 0.99) - 1)] / 1e6, 2))
          .put("processCpuMs", LoadReport.round(processMs, 1))
          .put("peersCpuMs", LoadReport.round(peersMs, 1))
          .put("serverCpuMsPerHandshake", n == 0 ? null : LoadReport.round((processMs - peersMs) / n, 3))
          .put("serverHandshakesPerCpuSecond", processMs - peersMs <= 0 ? null
              : LoadReport.round(n / ((processMs - peersMs) / 1000), 1));
      Files.createDirectories(reportDir);
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      Files.writeString(reportDir.resolve("dtls-" + stamp + ".json"), result.encodePrettily());
      return result;
    }
  }

  /** Connects and closes sessions, {@code concurrency} at a time, until {@code time} passed; their latencies. */
  private static List<Long> handshakes(WebRtcEndpoint endpoint, PeerLoop loop, Duration time, int concurrency)
      throws Exception {
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    Semaphore slots = new Semaphore(concurrency);
    long end = System.nanoTime() + time.toNanos();
    while (System.nanoTime() < end) {
      slots.acquire();
      long start = System.nanoTime();
      WebRtcTestPeer peer = WebRtcTestPeer.create(loop);
      WebRtcSession session = endpoint.accept(peer.createOffer(), MediaSink.DISCARD);
      CompletableFuture<Void> done = peer.connect(session.answerSdp());
      done.orTimeout(10, TimeUnit.SECONDS).whenComplete((v, e) -> {
        if (e == null) {
          latencies.add(System.nanoTime() - start);
        } else {
          failures.incrementAndGet();
        }
        peer.close();
        session.close(CloseReason.LOCAL);
        slots.release();
      });
    }
    slots.acquire(concurrency);
    if (failures.get() > latencies.size() / 100) {
      throw new IllegalStateException(failures.get() + " handshakes failed of " + (failures.get() + latencies.size()));
    }
    return latencies;
  }
}
