package io.switchboard.e2e.widget;

import io.switchboard.media.testpeer.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's coturn ({@code turnserver}) on loopback in REST API mode ({@code use-auth-secret}), as a real TURN relay
 * nobody here wrote. Loopback peers are allowed (the server is on 127.0.0.1 in tests). Its log is kept to show what
 * it did: which user allocated a relay.
 */
final class Coturn implements AutoCloseable {
  static final Path TURNSERVER = Path.of("/usr/sbin/turnserver").toFile().exists() ? Path.of("/usr/sbin/turnserver")
      : Path.of("/usr/bin/turnserver");

  private final Process process;
  private final StringBuffer log = new StringBuffer();
  private final int port;

  private Coturn(Process process, int port) {
    this.process = process;
    this.port = port;
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          log.append(line).append('\n');
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "coturn-output");
    reader.setDaemon(true);
    reader.start();
  }

  static Coturn start(String secret) throws Exception {
    if (!Files.isExecutable(TURNSERVER)) {
      throw new IllegalStateException(TURNSERVER + " is missing: install Debian's coturn (./switchboard test does)");
    }
    int port;
    try (DatagramSocket free = new DatagramSocket(0)) {
      port = free.getLocalPort();
    }
    Process process = new ProcessBuilder(List.of(TURNSERVER.toString(), "-n", "--listening-ip=127.0.0.1",
        "--relay-ip=127.0.0.1", "--listening-port=" + port, "--use-auth-secret", "--static-auth-secret=" + secret,
        "--realm=switchboard.test", "--allow-loopback-peers", "--no-cli", "--no-tls", "--no-dtls",
        "--log-file=stdout", "--simple-log", "-v")).redirectErrorStream(true).start();
    Coturn coturn = new Coturn(process, port);
    Await.until(() -> coturn.log().contains("UDP listener opened on: 127.0.0.1:" + port) || !process.isAlive(),
        Duration.ofSeconds(10), "coturn to listen");
    if (!process.isAlive()) {
      throw new IllegalStateException("coturn did not start:\n" + coturn.log());
    }
    return coturn;
  }

  String url() {
    return "turn:127.0.0.1:" + port + "?transport=udp";
  }

  String log() {
    return log.toString();
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
