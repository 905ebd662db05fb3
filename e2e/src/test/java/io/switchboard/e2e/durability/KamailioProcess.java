package io.switchboard.e2e.durability;

import io.switchboard.media.testpeer.Await;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Kamailio with the project's own configuration ({@code docker/kamailio/kamailio.cfg}, the dispatcher in
 * front of several nodes), on 127.0.0.1 and a free port, its dispatcher list naming the nodes given; in the
 * foreground so the test owns it. Its control socket ({@code kamcmd}) shows which nodes its OPTIONS probes found up.
 */
final class KamailioProcess implements AutoCloseable {
  private final Process process;
  private final Path dir;
  final int port;

  private KamailioProcess(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Starts Kamailio in front of {@code nodes} ({@code host:port}) and waits until its probes find them all up. */
  static KamailioProcess start(Path dir, List<String> nodes) throws Exception {
    int port;
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path source = ServerProcess.moduleDir().resolve("../docker/kamailio/kamailio.cfg").normalize();
    String cfg = Files.readString(source)
        .replace("!LISTEN_PORT!5060!", "!LISTEN_PORT!" + port + "!")
        .replace("/etc/kamailio/dispatcher.list", dir.resolve("dispatcher.list").toString())
        // A control socket of its own: several Kamailios (other tests, the machine's own) must not share one.
        .replace("loadmodule \"ctl.so\"", "loadmodule \"ctl.so\"\nmodparam(\"ctl\", \"binrpc\", \"unix:"
            + dir.resolve("ctl") + "\")");
    Files.writeString(dir.resolve("kamailio.cfg"), cfg);
    StringBuilder list = new StringBuilder();
    for (String node : nodes) {
      list.append("1 sip:").append(node).append(" 0 0\n");
    }
    Files.writeString(dir.resolve("dispatcher.list"), list);
    Process process = new ProcessBuilder("kamailio", "-f", dir.resolve("kamailio.cfg").toString(), "-DD", "-E",
        "-Y", dir.toString(), "-P", dir.resolve("kamailio.pid").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("kamailio.log").toFile()).start();
    KamailioProcess kamailio = new KamailioProcess(process, dir, port);
    try {
      Await.until(() -> kamailio.activeNodes() == nodes.size() || !process.isAlive(), Duration.ofSeconds(30),
          "Kamailio's OPTIONS probes to find every node up");
      if (!process.isAlive()) {
        throw new IllegalStateException("kamailio exited: " + kamailio.log());
      }
    } catch (Exception | AssertionError e) {
      kamailio.close();
      throw e;
    }
    return kamailio;
  }

  /** The nodes the dispatcher holds active ({@code FLAGS: A...}), per {@code kamcmd dispatcher.list}. */
  int activeNodes() {
    try {
      Process kamcmd = new ProcessBuilder("kamcmd", "-s", "unix:" + dir.resolve("ctl"), "dispatcher.list")
          .redirectErrorStream(true).start();
      String out = new String(kamcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      kamcmd.waitFor(5, TimeUnit.SECONDS);
      return (int) out.lines().filter(l -> l.trim().startsWith("FLAGS: A")).count();
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  /** The dialogs its dialog module still tracks, in any state ({@code kamcmd dlg.stats_active}, field {@code all}). */
  int activeDialogs() {
    try {
      Process kamcmd = new ProcessBuilder("kamcmd", "-s", "unix:" + dir.resolve("ctl"), "dlg.stats_active")
          .redirectErrorStream(true).start();
      String out = new String(kamcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      kamcmd.waitFor(5, TimeUnit.SECONDS);
      return out.lines().map(String::trim).filter(l -> l.startsWith("all:"))
          .mapToInt(l -> Integer.parseInt(l.substring(4).trim())).findFirst().orElse(-1);
    } catch (IOException | InterruptedException | NumberFormatException e) {
      return -1;
    }
  }

  String log() {
    try {
      return Files.readString(dir.resolve("kamailio.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
