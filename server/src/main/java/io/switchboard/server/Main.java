package io.switchboard.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.server.config.Config;
import io.switchboard.server.config.ConfigException;
import io.switchboard.server.metrics.ServerMetrics;
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

    PrometheusMeterRegistry registry = ServerMetrics.newRegistry();
    Vertx vertx;
    try {
      vertx = !config.cluster().enabled() ? ServerMetrics.vertx(registry)
          : io.switchboard.server.cluster.ClusteredVertx.start(config.cluster(), new io.vertx.core.VertxOptions(),
              (options, manager) -> ServerMetrics.builder(registry, options).withClusterManager(manager))
              .await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      exit("Switchboard did not start: the cluster (cluster.*) cannot be joined: " + e.getMessage());
      return;
    }
    SwitchboardServer server;
    try {
      server = SwitchboardServer.start(vertx, config, registry)
          .await(config.shutdownTimeout().toSeconds() + 60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      exit("Switchboard did not start: " + e.getMessage());
      return;
    }
    new StopSignals(vertx, server, config).install();
    printBanner(config, server);
  }

  private static void printBanner(Config config, SwitchboardServer server) {
    String base = "http://localhost:" + server.httpPort();
    System.out.println("Switchboard is running.");
    System.out.println("  Agent desktop: " + base + "/agent.html");
    System.out.println("  Headset check: " + base + "/headset-check.html");
    System.out.println("  Customers:     " + base + "/customers.html (supervisors)");
    System.out.println("  Wallboard:     " + base + "/wallboard.html (supervisors: queues live, agents board; "
        + "?tv=1 for a wall TV)");
    System.out.println("  Live calls:    " + base + "/monitor.html (supervisors: listen, whisper, barge)");
    System.out.println("  Reports:       " + base + "/reports.html (supervisors: reports, FCR, planner.html)");
    System.out.println("  Replay a day:  " + base + "/replay.html (supervisors: the same day with another configuration)");
    System.out.println("  Quality:       " + base + "/quality.html (supervisors score recorded calls; agents: evaluations.html)");
    System.out.println("  Configuration: " + base + "/config.html (admins: queues, agents, call flows, numbers)");
    System.out.println("  Health:        " + base + "/health");
    if (config.metrics().enabled()) {
      System.out.println("  Metrics:       " + base + "/metrics (Prometheus)");
    }
    if (config.mongo().embedded()) {
      System.out.println("  Data folder:   " + config.dataDir().toAbsolutePath().normalize() + " (embedded MongoDB)");
    } else {
      System.out.println("  Data folder:   " + config.dataDir().toAbsolutePath().normalize()
          + " (MongoDB at " + config.mongo().redactedUri() + ")");
    }
    System.out.println("  SIP trunks:    udp/tcp port " + server.sipPort());
    if (config.demo()) {
      System.out.println("  Demo shop:     http://localhost:" + server.demoShopPort()
          + "/demo-shop.html (the click-to-call widget on another origin)");
      Demo.printCredentials();
    }
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
