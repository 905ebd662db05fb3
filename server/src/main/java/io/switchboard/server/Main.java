package io.switchboard.server;

import io.switchboard.server.config.Config;
import io.switchboard.server.config.ConfigException;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

/** {@code java -jar switchboard.jar [--config=file.properties] [--key=value ...]}. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    configureLogging();
    List<String> arguments = Arrays.asList(args);
    if (arguments.contains("--help")) {
      printReference();
      return;
    }
    Config config;
    try {
      config = Config.load(System.getenv(), arguments);
    } catch (ConfigException e) {
      exit("Switchboard did not start: " + e.getMessage());
      return;
    }

    Vertx vertx = Vertx.vertx();
    SwitchboardServer server;
    try {
      server = SwitchboardServer.start(vertx, config)
          .await(config.shutdownTimeout().toSeconds() + 60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      exit("Switchboard did not start: " + e.getMessage());
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(vertx, server, config), "switchboard-shutdown"));
    printBanner(config, server);
  }

  private static void printBanner(Config config, SwitchboardServer server) {
    String base = "http://localhost:" + server.httpPort();
    System.out.println("Switchboard is running.");
    System.out.println("  Agent desktop: " + base + "/agent.html");
    System.out.println("  Headset check: " + base + "/headset-check.html");
    System.out.println("  Customers:     " + base + "/customers.html (supervisors)");
    System.out.println("  Reports:       " + base + "/reports.html (supervisors: reports, FCR, planner.html)");
    System.out.println("  Configuration: " + base + "/config.html (admins: queues, agents, call flows, numbers)");
    System.out.println("  Health:        " + base + "/health");
    if (config.mongo().embedded()) {
      System.out.println("  Data folder:   " + config.dataDir().toAbsolutePath().normalize() + " (embedded MongoDB)");
    } else {
      System.out.println("  Data folder:   " + config.dataDir().toAbsolutePath().normalize()
          + " (MongoDB at " + config.mongo().redactedUri() + ")");
    }
    System.out.println("  SIP trunks:    udp/tcp port " + server.sipPort());
    if (config.demo()) {
      Demo.printCredentials();
    }
  }

  private static void shutdown(Vertx vertx, SwitchboardServer server, Config config) {
    long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
    // Plain stderr, not JUL: the LogManager resets its handlers in its own shutdown hook, racing this one.
    System.err.println("Switchboard is stopping...");
    try {
      server.stop().await(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      System.err.println("Switchboard: graceful stop did not finish: " + e.getMessage());
    }
    try {
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      vertx.close().await(left, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      System.err.println("Switchboard: Vert.x did not close in time: " + e.getMessage());
    }
    System.err.println("Switchboard stopped.");
  }

  /** Our concise format, unless the operator points JUL at their own file. */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return;
    }
    try (InputStream in = Main.class.getResourceAsStream("/logging.properties")) {
      if (in != null) {
        LogManager.getLogManager().readConfiguration(in);
      }
    } catch (IOException e) {
      System.err.println("Switchboard: cannot read logging.properties: " + e.getMessage());
    }
  }

  private static void printReference() {
    try (InputStream in = Main.class.getResourceAsStream("/switchboard-reference.properties")) {
      System.out.println("Usage: java -jar switchboard.jar [--config=file.properties] [--key=value ...]");
      System.out.println();
      System.out.write(in.readAllBytes());
      System.out.flush();
    } catch (IOException e) {
      exit("cannot read the reference configuration: " + e.getMessage());
    }
  }

  private static void exit(String message) {
    System.err.println(message.replace('\n', ' '));
    System.exit(1);
  }
}
