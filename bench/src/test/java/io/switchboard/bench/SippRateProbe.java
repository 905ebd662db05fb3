package io.switchboard.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One SIPp run of a signalling-only scenario ({@code /sipp/<scenario>}) against a SIP server: {@code calls} calls
 * offered at up to {@code rate} per second with at most {@code concurrent} at once, so the rate SIPp achieves is the
 * server's ceiling when the server is the bottleneck. Reports calls completed per wall-clock second and the failures.
 */
final class SippRateProbe {
  private SippRateProbe() {
  }

  static JsonObject run(String scenario, String target, String service, int calls, int rate, int concurrent,
      Path workDir) throws IOException, InterruptedException {
    Path file = workDir.resolve(scenario);
    try (InputStream in = SippRateProbe.class.getResourceAsStream("/sipp/" + scenario)) {
      if (in == null) {
        throw new IllegalStateException("no SIPp scenario /sipp/" + scenario + " on the class path");
      }
      Files.write(file, in.readAllBytes());
    }
    Path stats = workDir.resolve(scenario + "-" + System.nanoTime() + ".csv");
    Path output = workDir.resolve(scenario + ".out");
    List<String> command = List.of("sipp", target, "-sf", file.toString(), "-s", service,
        "-m", String.valueOf(calls), "-l", String.valueOf(concurrent), "-r", String.valueOf(rate), "-rp", "1000",
        "-i", "127.0.0.1", "-p", String.valueOf(freeUdpPort()), "-timeout", "120s", "-timeout_error",
        "-recv_timeout", "10000", "-trace_stat", "-stf", stats.toString(), "-fd", "1", "-nostdin", "-nd");
    long start = System.nanoTime();
    Process sipp = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    if (!sipp.waitFor(180, TimeUnit.SECONDS)) {
      sipp.destroyForcibly();
      throw new IllegalStateException("SIPp did not finish: " + Files.readString(output));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    SippCounts counts = SippCounts.parse(Files.exists(stats) ? Files.readAllLines(stats) : List.of());
    return new JsonObject()
        .put("scenario", scenario)
        .put("target", target)
        .put("offeredRate", rate)
        .put("concurrentLimit", concurrent)
        .put("sippExit", sipp.exitValue())
        .put("successful", counts.successful())
        .put("failed", counts.failed())
        .put("seconds", LoadReport.round(seconds, 2))
        .put("callsPerSecond", LoadReport.round(counts.successful() / seconds, 1));
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }
}
