package io.switchboard.e2e.calls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's SIPp as the carrier on the outbound side (a UAS): it listens on a port of its own, which the test puts in
 * the trunk's outbound proxy, and plays one scenario from src/test/resources/sipp named after the outcome it
 * expects. Its message log shows every request it received.
 */
public final class SippCarrier implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path messages;
  private final Path output;

  private SippCarrier(Process process, int port, Path messages, Path output) {
    this.process = process;
    this.port = port;
    this.messages = messages;
    this.output = output;
  }

  /** Starts SIPp in UAS mode on a free port; {@code placeholders} are replaced in the scenario text first. */
  public static SippCarrier listen(String scenario, Map<String, String> placeholders, Path workDir)
      throws IOException {
    return listen(scenario, placeholders, workDir, SippCaller.freeUdpPort());
  }

  /** As {@link #listen(String, Map, Path)} on a given port (a second carrier scenario where the first one was). */
  public static SippCarrier listen(String scenario, Map<String, String> placeholders, Path workDir, int port)
      throws IOException {
    String text;
    try (InputStream in = SippCarrier.class.getResourceAsStream("/sipp/" + scenario)) {
      if (in == null) {
        throw new IllegalArgumentException("no SIPp scenario " + scenario);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (var p : placeholders.entrySet()) {
      text = text.replace(p.getKey(), p.getValue());
    }
    Path scenarioFile = workDir.resolve("carrier-" + port + "-" + scenario);
    Files.writeString(scenarioFile, text);
    Path messages = workDir.resolve("carrier-" + port + "-" + scenario + ".messages");
    Path output = workDir.resolve("carrier-" + port + "-" + scenario + ".out");
    List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenarioFile.toString(), "-m", "1",
        "-i", "127.0.0.1", "-p", String.valueOf(port), "-mi", "127.0.0.1",
        "-mp", String.valueOf(SippCaller.freeUdpPort()), "-timeout", "120s", "-timeout_error",
        "-trace_msg", "-message_file", messages.toString(),
        "-trace_err", "-error_file", workDir.resolve("carrier-" + port + "-" + scenario + ".errors").toString(),
        "-nostdin", "-nd"));
    Process process = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    return new SippCarrier(process, port, messages, output);
  }

  /** The carrier's SIP port on 127.0.0.1 (the trunk's outbound proxy). */
  public int port() {
    return port;
  }

  /** Waits for SIPp to finish its scenario; 0 means every step happened as written. */
  public int awaitExit(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the carrier (SIPp) did not finish within " + timeout + "; " + report());
    }
    return process.exitValue();
  }

  /** The INVITEs SIPp received so far, from its message log. */
  public long invitesReceived() throws IOException {
    if (!Files.exists(messages)) {
      return 0;
    }
    return Files.readAllLines(messages, StandardCharsets.ISO_8859_1).stream()
        .filter(l -> l.startsWith("INVITE ")).count();
  }

  public String report() {
    try {
      return "messages: " + (Files.exists(messages) ? Files.readString(messages, StandardCharsets.ISO_8859_1) : "")
          + "\noutput: " + (Files.exists(output) ? Files.readString(output, StandardCharsets.ISO_8859_1) : "");
    } catch (IOException e) {
      return "(cannot read SIPp logs: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
