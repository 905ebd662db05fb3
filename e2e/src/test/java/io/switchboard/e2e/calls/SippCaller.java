package io.switchboard.e2e.calls;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's SIPp as the carrier: one call of a scenario from src/test/resources/sipp (named after the outcome it
 * expects), against the server's SIP port. Exit code 0 means every step of the scenario happened as written.
 */
public final class SippCaller implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final Path errors;

  private SippCaller(Process process, Path log, Path errors) {
    this.process = process;
    this.log = log;
    this.errors = errors;
  }

  /**
   * Starts one call.
   *
   * @param scenario   file name under /sipp on the test class path
   * @param sipPort    the server's SIP port on 127.0.0.1
   * @param dialled    the number dialled (Request-URI user)
   * @param caller     the caller's number (From user)
   * @param audio      raw 8 kHz µ-law file streamed after answer
   * @param pauseMs    the scenario's pause (talk time, or patience before hanging up)
   */
  public static SippCaller call(String scenario, int sipPort, String dialled, String caller, Path audio,
      long pauseMs, Path workDir) throws IOException {
    return call(scenario, sipPort, dialled, caller, audio, pauseMs, java.util.Map.of(), workDir);
  }

  /**
   * Starts one call of a scenario with more placeholders, e.g. {@code @DTMF@} → a file of Debian's sip-tester
   * ({@link #dtmfPcap}).
   */
  public static SippCaller call(String scenario, int sipPort, String dialled, String caller, Path audio,
      long pauseMs, java.util.Map<String, String> placeholders, Path workDir) throws IOException {
    Path scenarioFile = workDir.resolve(scenario);
    try (InputStream in = SippCaller.class.getResourceAsStream("/sipp/" + scenario)) {
      if (in == null) {
        throw new IllegalArgumentException("no SIPp scenario " + scenario);
      }
      // SIPp reads rtp_stream files and pause lengths when it loads the scenario, before any injection field.
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .replace("@AUDIO@", audio.toAbsolutePath().toString())
          .replace("@PAUSE_MS@", String.valueOf(pauseMs));
      for (var p : placeholders.entrySet()) {
        text = text.replace(p.getKey(), p.getValue());
      }
      Files.writeString(scenarioFile, text);
    }
    Path fields = workDir.resolve(scenario + ".csv");
    Files.writeString(fields, "SEQUENTIAL\n" + caller + "\n");
    Path log = workDir.resolve(scenario + ".out");
    Path errors = workDir.resolve(scenario + ".errors");
    List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + sipPort,
        "-sf", scenarioFile.toString(), "-inf", fields.toString(), "-s", dialled,
        "-m", "1", "-l", "1", "-i", "127.0.0.1", "-p", String.valueOf(freeUdpPort()), "-mi", "127.0.0.1",
        "-mp", String.valueOf(freeUdpPort()),
        "-timeout", "120s", "-timeout_error", "-trace_err", "-error_file", errors.toString(),
        "-nostdin", "-nd"));
    Process process = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new SippCaller(process, log, errors);
  }

  /** Waits for SIPp to finish; returns its exit code (0: the scenario passed). */
  public int awaitExit(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("SIPp did not finish within " + timeout + "; " + report());
    }
    return process.exitValue();
  }

  /** SIPp's output and error file, for assertion messages. */
  public String report() {
    StringBuilder b = new StringBuilder();
    try {
      if (Files.exists(errors)) {
        b.append("errors: ").append(Files.readString(errors)).append('\n');
      }
      if (Files.exists(log)) {
        String out = Files.readString(log);
        b.append("output: ").append(out, Math.max(0, out.length() - 4000), out.length());
      }
    } catch (IOException e) {
      b.append("(cannot read SIPp logs: ").append(e.getMessage()).append(')');
    }
    return b.toString();
  }

  /** The RFC 4733 recording of one key that Debian's sip-tester ships. */
  public static String dtmfPcap(char digit) {
    Path pcap = Path.of("/usr/share/sip-tester/dtmf_2833_" + digit + ".pcap");
    if (!Files.isReadable(pcap)) {
      throw new IllegalStateException(pcap + " is missing: install sip-tester (./switchboard test does)");
    }
    return pcap.toString();
  }

  static int freeUdpPort() throws IOException {
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
