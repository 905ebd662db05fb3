package io.switchboard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's SIPp as the carrier's signalling in a load run: one process places every call of
 * {@code bench-caller.xml} ({@code -m calls -l calls -r rate}), each with the RTP port of its {@link CarrierMedia}
 * socket in the SDP, talking for the talk time, then hanging up. Exit code 0 means every call went as the scenario
 * says.
 */
final class SippCarrier implements AutoCloseable {
  static final String SCENARIO = "bench-caller.xml";

  private final Process process;
  private final Path output;
  private final Path errors;
  private final Path stats;

  private SippCarrier(Process process, Path output, Path errors, Path stats) {
    this.process = process;
    this.output = output;
    this.errors = errors;
    this.stats = stats;
  }

  /**
   * Starts placing {@code calls} calls to {@code dialled} at {@code rate} calls per second, each talking for
   * {@code talk}; caller numbers are distinct.
   */
  static SippCarrier start(int sipPort, String dialled, List<Integer> mediaPorts, int rate, Duration talk,
      Path workDir) throws IOException {
    int calls = mediaPorts.size();
    Path scenario = workDir.resolve(SCENARIO);
    try (InputStream in = SippCarrier.class.getResourceAsStream("/sipp/" + SCENARIO)) {
      if (in == null) {
        throw new IllegalStateException("no SIPp scenario /sipp/" + SCENARIO + " on the class path");
      }
      // SIPp reads rtp_stream files and pause lengths when it loads the scenario, before any injection field.
      Files.writeString(scenario, new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("@PAUSE_MS@", String.valueOf(talk.toMillis())));
    }
    StringBuilder callers = new StringBuilder("SEQUENTIAL\n");
    for (int i = 1; i <= calls; i++) {
      callers.append(String.format("+49301%06d;%d%n", i, mediaPorts.get(i - 1)));
    }
    Path fields = Files.writeString(workDir.resolve("callers.csv"), callers);
    Path output = workDir.resolve("sipp.out");
    Path errors = workDir.resolve("sipp.errors");
    Path stats = workDir.resolve("sipp-stats.csv");
    long timeoutSeconds = talk.toSeconds() + 60 + calls / Math.max(1, rate);
    List<String> command = List.of("sipp", "127.0.0.1:" + sipPort,
        "-sf", scenario.toString(), "-inf", fields.toString(), "-s", dialled,
        "-m", String.valueOf(calls), "-l", String.valueOf(calls), "-r", String.valueOf(rate), "-rp", "1000",
        "-i", "127.0.0.1", "-p", String.valueOf(freeUdpPort()),
        "-timeout", timeoutSeconds + "s", "-timeout_error",
        "-trace_err", "-error_file", errors.toString(),
        "-trace_stat", "-stf", stats.toString(), "-fd", "1",
        "-nostdin", "-nd");
    Process process = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    return new SippCarrier(process, output, errors, stats);
  }

  long pid() {
    return process.pid();
  }

  /** Waits for SIPp to finish; returns its exit code (0: every call passed). */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("SIPp did not finish within " + timeout + "; " + report());
    }
    return process.exitValue();
  }

  /** SIPp's cumulative counters from the last line of its statistics file, e.g. SuccessfulCall(C). */
  SippCounts counts() throws IOException {
    return SippCounts.parse(Files.exists(stats) ? Files.readAllLines(stats) : List.of());
  }

  /** SIPp's errors and the end of its output, for failure messages. */
  String report() {
    StringBuilder b = new StringBuilder();
    try {
      if (Files.exists(errors)) {
        String text = Files.readString(errors);
        b.append("errors: ").append(text, 0, Math.min(text.length(), 4000)).append('\n');
      }
      if (Files.exists(output)) {
        String out = Files.readString(output);
        b.append("output: ").append(out, Math.max(0, out.length() - 4000), out.length());
      }
    } catch (IOException e) {
      b.append("(cannot read SIPp logs: ").append(e.getMessage()).append(')');
    }
    return b.toString();
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
