package io.switchboard.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs one SIPp scenario (Debian's {@code sipp}) as a real SIP peer. SIPp's exit code says whether every call of
 * the scenario went as written (0), failed (1) or timed out; {@link Result} carries its error and message logs so
 * a failing test shows what SIPp saw.
 *
 * <pre>
 * try (SippRunner.Run run = SippRunner.scenario("sipp/uac-options-expect-200.xml").target("127.0.0.1", port).start()) {
 *   assertThat(run.await(Duration.ofSeconds(20)).exitCode()).isZero();
 * }
 * </pre>
 */
public final class SippRunner {

  public static final String SIPP = "/usr/bin/sipp";

  private final String resource;
  private String targetHost = "127.0.0.1";
  private int targetPort = -1;
  private String localIp = "127.0.0.1";
  private int localPort;
  private String transport = "u1";
  private String service = "100";
  private int calls = 1;
  private Duration timeout = Duration.ofSeconds(20);
  private final List<String> extra = new ArrayList<>();

  private SippRunner(String resource) {
    this.resource = resource;
  }

  /** A scenario from the test classpath, e.g. {@code "sipp/uac-options-expect-200.xml"}. */
  public static SippRunner scenario(String resource) {
    return new SippRunner(resource);
  }

  /** Where a UAC scenario sends to. A UAS scenario needs no target. */
  public SippRunner target(String host, int port) {
    this.targetHost = host;
    this.targetPort = port;
    return this;
  }

  /** The local address SIPp binds (any of 127.0.0.0/8 works on Linux, handy for source-address tests). */
  public SippRunner localIp(String ip) {
    this.localIp = ip;
    return this;
  }

  /** SIPp's own SIP port; 0 (default) picks a free one. */
  public SippRunner localPort(int port) {
    this.localPort = port;
    return this;
  }

  public SippRunner tcp() {
    this.transport = "t1";
    return this;
  }

  /** The Request-URI user ({@code [service]}). */
  public SippRunner service(String s) {
    this.service = s;
    return this;
  }

  public SippRunner calls(int n) {
    this.calls = n;
    return this;
  }

  /** SIPp's global timeout: past it SIPp gives up and exits non-zero. */
  public SippRunner timeout(Duration t) {
    this.timeout = t;
    return this;
  }

  /** A {@code -key name value} for {@code [name]} in the scenario. */
  public SippRunner key(String name, String value) {
    extra.add("-key");
    extra.add(name);
    extra.add(value);
    return this;
  }

  public SippRunner arg(String... args) {
    extra.addAll(List.of(args));
    return this;
  }

  /** The port SIPp will use (chosen now if 0), e.g. to configure the gateway's registrar before starting. */
  public int localPort() {
    if (localPort == 0) {
      localPort = freePort(localIp);
    }
    return localPort;
  }

  public Run start() {
    try {
      Path dir = Files.createTempDirectory("sipp-");
      String name = Path.of(resource).getFileName().toString();
      Path scenarioFile = dir.resolve(name);
      try (InputStream in = Objects.requireNonNull(SippRunner.class.getClassLoader().getResourceAsStream(resource),
          "no scenario " + resource + " on the test classpath")) {
        Files.copy(in, scenarioFile);
      }
      List<String> command = new ArrayList<>();
      command.add(SIPP);
      if (targetPort > 0) {
        command.add(targetHost + ":" + targetPort);
      }
      command.addAll(List.of(
          "-sf", scenarioFile.toString(),
          "-m", Integer.toString(calls),
          "-i", localIp,
          "-p", Integer.toString(localPort()),
          "-mp", Integer.toString(freePort(localIp)),
          "-t", transport,
          "-s", service,
          "-nostdin",
          "-timeout", timeout.toSeconds() + "s", "-timeout_error",
          "-trace_err", "-error_file", dir.resolve("errors.log").toString(),
          "-trace_msg", "-message_file", dir.resolve("messages.log").toString()));
      command.addAll(extra);
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectErrorStream(false)
          .redirectOutput(dir.resolve("stdout.log").toFile())
          .redirectError(dir.resolve("stderr.log").toFile());
      builder.environment().put("TERM", "dumb");
      return new Run(builder.start(), dir, String.join(" ", command));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free UDP port that is also free for TCP on {@code ip}. */
  public static int freePort(String ip) {
    for (int i = 0; i < 20; i++) {
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), 0));
          ServerSocket tcp = new ServerSocket()) {
        int port = udp.getLocalPort();
        tcp.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
        return port;
      } catch (IOException e) {
        // taken for TCP: try again
      }
    }
    throw new IllegalStateException("no free port on " + ip);
  }

  /** What SIPp said when it exited. */
  public record Result(int exitCode, String errors, String messages, String stderr, String command) {

    public boolean succeeded() {
      return exitCode == 0;
    }

    /** Everything useful for an assertion message. */
    public String describe() {
      return "sipp exit " + exitCode + "\ncommand: " + command + "\nstderr:\n" + stderr + "\nerrors:\n" + errors
          + "\nmessages:\n" + messages;
    }
  }

  /** A running SIPp; closing it kills SIPp if it still runs. */
  public static final class Run implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final String command;

    private Run(Process process, Path dir, String command) {
      this.process = process;
      this.dir = dir;
      this.command = command;
    }

    /** Waits for SIPp to exit; on timeout kills it and reports exit code -1. */
    public Result await(Duration timeout) {
      int exit;
      try {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          exit = process.exitValue();
        } else {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          exit = -1;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        exit = -1;
      }
      return new Result(exit, read("errors.log"), read("messages.log"), read("stderr.log"), command);
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    private String read(String file) {
      Path path = dir.resolve(file);
      try {
        return Files.exists(path) ? Files.readString(path, StandardCharsets.ISO_8859_1) : "";
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted((a, b) -> b.compareTo(a)).collect(Collectors.toList())) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        // a leftover temp dir is harmless
      }
    }
  }
}
