package io.switchboard.bench;

import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.config.Config;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Signalling-only call setup rate, ours and kamailio's side by side: the same SIPp scenario ({@code setup-404.xml},
 * INVITE → 404 → ACK) against our server (a number it does not serve) and against Debian's kamailio as a stateful
 * UAS ({@code bench/peers/kamailio.cfg}), alternating ours, kamailio, ours, kamailio so the shared machine's noise
 * falls on both; then our queued-call setup ({@code setup-queued-cancel.xml}: 183 with ringback and the call record,
 * then CANCEL) for what a real call costs before media is bridged. Writes {@code setup-rate-<time>.json}.
 * Usage: {@code BENCH_MAIN=io.switchboard.bench.SetupRateRun bench/run [calls] [rounds]}.
 */
public final class SetupRateRun {
  private static final Duration STARTUP = Duration.ofSeconds(60);
  /** Above what either side reached, so the server is the bottleneck (or SIPp, one thread: see the docs). */
  private static final int RATE = 20000;
  private static final int CONCURRENT = 200;

  private SetupRateRun() {
  }

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    try {
      System.out.println(run(calls, rounds, Path.of("target")).encodePrettily());
      System.exit(0);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  static JsonObject run(int calls, int rounds, Path reportDir) throws Exception {
    Path work = Files.createTempDirectory("switchboard-setup-");
    Vertx vertx = Vertx.vertx();
    SwitchboardServer server = null;
    Process kamailio = null;
    try {
      server = LoadRun.await(SwitchboardServer.start(vertx, Config.load(Map.of(), LoadRun.serverArgs(work))),
          STARTUP);
      int kamailioPort = freeUdpPort();
      kamailio = startKamailio(kamailioPort, work);
      String ours = "127.0.0.1:" + server.sipPort();
      String theirs = "127.0.0.1:" + kamailioPort;
      // Warm-up of both (JIT, kamailio's first children), not counted.
      SippRateProbe.run("setup-404.xml", ours, "+4930555999", Math.min(calls, 2000), RATE, CONCURRENT, work);
      SippRateProbe.run("setup-404.xml", theirs, "+4930555999", Math.min(calls, 2000), RATE, CONCURRENT, work);
      JsonArray runs = new JsonArray();
      double oursSum = 0;
      double theirsSum = 0;
      for (int i = 0; i < rounds; i++) {
        JsonObject o = SippRateProbe.run("setup-404.xml", ours, "+4930555999", calls, RATE, CONCURRENT, work)
            .put("server", "switchboard");
        JsonObject k = SippRateProbe.run("setup-404.xml", theirs, "+4930555999", calls, RATE, CONCURRENT, work)
            .put("server", "kamailio");
        runs.add(o).add(k);
        oursSum += o.getDouble("callsPerSecond");
        theirsSum += k.getDouble("callsPerSecond");
        System.out.println(o.encode() + "\n" + k.encode());
      }
      JsonArray queued = new JsonArray();
      for (int i = 0; i < rounds; i++) {
        JsonObject q = SippRateProbe.run("setup-queued-cancel.xml", ours, LoadRun.DID, Math.min(calls, 2000), RATE,
            CONCURRENT, work).put("server", "switchboard");
        queued.add(q);
        System.out.println(q.encode());
      }
      JsonObject result = new JsonObject()
          .put("startedAt", LocalDateTime.now().toString())
          .put("callsPerRun", calls)
          .put("offeredRate", RATE)
          .put("concurrentLimit", CONCURRENT)
          .put("reject404", runs)
          .put("oursCallsPerSecondMean", LoadReport.round(oursSum / rounds, 1))
          .put("kamailioCallsPerSecondMean", LoadReport.round(theirsSum / rounds, 1))
          .put("ratioOursToKamailio", LoadReport.round(oursSum / Math.max(theirsSum, 1e-9), 3))
          .put("queuedThenCancelled", queued);
      Files.createDirectories(reportDir);
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      Files.writeString(reportDir.resolve("setup-rate-" + stamp + ".json"), result.encodePrettily());
      return result;
    } finally {
      if (kamailio != null) {
        kamailio.destroy();
        kamailio.waitFor(10, TimeUnit.SECONDS);
      }
      if (server != null) {
        LoadRun.await(server.stop(), STARTUP);
      }
      LoadRun.await(vertx.close(), STARTUP);
      LoadRun.deleteTree(work);
    }
  }

  /**
   * kamailio in the foreground with our config, two UDP workers (the machine has two cores) and 1 GB of shared
   * memory: its transactions wait out their timers after the ACK (RFC 3261 timer I), and 64 and 256 MB ran out
   * at 20,000 calls ("build_cell(): could not allocate shared memory", then retransmissions).
   */
  private static Process startKamailio(int port, Path work) throws IOException, InterruptedException {
    Path config = Path.of("peers/kamailio.cfg").toAbsolutePath();
    if (!Files.exists(config)) {
      throw new IllegalStateException("no " + config + " (run from bench/)");
    }
    Process p = new ProcessBuilder("kamailio", "-f", config.toString(), "-l", "udp:127.0.0.1:" + port, "-DD", "-E",
        "-w", work.toString(), "-P", work.resolve("kamailio.pid").toString(), "-m", "1024", "-M", "8")
        .redirectErrorStream(true).redirectOutput(work.resolve("kamailio.log").toFile()).start();
    // Ready when it listens: poll its log (it prints the listening address first).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("kamailio exited: " + Files.readString(work.resolve("kamailio.log")));
      }
      if (Files.readString(work.resolve("kamailio.log")).contains("Listening on")) {
        Thread.sleep(500);
        return p;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("kamailio did not start: " + Files.readString(work.resolve("kamailio.log")));
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }
}
