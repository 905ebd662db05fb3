package io.switchboard.e2e.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
  private final StringBuffer output = new StringBuffer();
  private final CompletableFuture<Void> running = new CompletableFuture<>();
  final int httpPort;
  final int sipPort;

  private ServerProcess(Path dataDir) throws IOException {
    httpPort = freeTcpPort();
    sipPort = freeUdpPort();
    Path jar = moduleDir().resolve("../server/target/switchboard.jar").normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the server first (mvn install)");
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "--demo.enabled=true", "--http.port=" + httpPort, "--sip.port=" + sipPort,
        "--media.webrtc.port=" + freeUdpPort(), "--sip.bind-host=127.0.0.1", "--media.rtp.bind-host=127.0.0.1", "--demo.shop-port=0",
        "--data.dir=" + dataDir.toAbsolutePath()));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(this::read, "server-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the server and returns once it printed that it runs (fails if it exits or takes too long). */
  static ServerProcess start(Path dataDir) throws Exception {
    ServerProcess server = new ServerProcess(dataDir);
    try {
      server.running.get(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      server.close();
      throw new AssertionError("the server did not start: " + e + "\n" + server.output(), e);
    }
    return server;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        output.append(line).append('\n');
        if (line.contains(RUNNING)) {
          running.complete(null);
        }
      }
    } catch (IOException e) {
      output.append("(output lost: ").append(e.getMessage()).append(")\n");
    }
    running.completeExceptionally(new IllegalStateException("the server exited"));
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

  String output() {
    return output.toString();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static Path moduleDir() {
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
