package io.switchboard.e2e.durability;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code server/target/switchboard.jar}, built by the reactor before this module) in its own
 * JVM, so a test can {@code kill -9} it: nothing in the test's process survives for it or cleans up after it.
 */
final class ServerProcess implements AutoCloseable {
  private static final String RUNNING = "Switchboard is running.";

  private final Process process;
  /** Its stdout and stderr: a file, not a pipe, so nothing it prints just before it exits is lost. */
  private final Path log;
  private final CompletableFuture<Void> running = new CompletableFuture<>();
  final int httpPort;
  final int sipPort;

  private ServerProcess(Path dataDir, List<String> extraArgs) throws IOException {
    httpPort = freeTcpPort();
    sipPort = freeUdpPort();
    Path jar = jar();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "--demo.enabled=true", "--http.port=" + httpPort, "--sip.port=" + sipPort,
        "--media.webrtc.port=" + freeUdpPort(), "--sip.bind-host=127.0.0.1", "--media.rtp.bind-host=127.0.0.1", "--demo.shop-port=0",
        "--data.dir=" + dataDir.toAbsolutePath()));
    command.addAll(extraArgs);
    log = Files.createTempFile("switchboard-server-", ".log");
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Thread reader = new Thread(this::watch, "server-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the server and returns once it printed that it runs (fails if it exits or takes too long). */
  static ServerProcess start(Path dataDir) throws Exception {
    return start(dataDir, List.of());
  }

  /** As {@link #start(Path)}, with more {@code --key=value} settings. */
  static ServerProcess start(Path dataDir, List<String> extraArgs) throws Exception {
    ServerProcess server = new ServerProcess(dataDir, extraArgs);
    try {
      server.running.get(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      server.close();
      throw new AssertionError("the server did not start: " + e + "\n" + server.output(), e);
    }
    return server;
  }

  /** Completes {@link #running} when the banner appears, or fails it when the process ends first. */
  private void watch() {
    while (true) {
      if (output().contains(RUNNING)) {
        running.complete(null);
        return;
      }
      if (!process.isAlive()) {
        running.completeExceptionally(new IllegalStateException("the server exited"));
        return;
      }
      try {
        Thread.sleep(50); // polling the log file, the one way to see a redirected output grow
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the server outlived kill -9");
    }
  }

  /** SIGTERM: the graceful stop (the shutdown hook), which releases the data folder. */
  void stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the server did not stop within " + timeout + "\n" + output());
    }
  }

  /** SIGTERM, without waiting: the server drains first (docs/reliability.md). */
  void terminate() {
    process.destroy();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits for the process to end; its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the server did not exit within " + timeout + "\n" + output());
    }
    return process.exitValue();
  }

  String output() {
    try {
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  /** The packaged server, built by the reactor before this module. */
  static Path jar() {
    Path jar = moduleDir().resolve("../server/target/switchboard.jar").normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the server first (mvn install)");
    }
    return jar;
  }

  static Path moduleDir() {
    String basedir = System.getProperty("basedir");
    return Path.of(basedir != null ? basedir : System.getProperty("user.dir"));
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }
}
