package io.switchboard.e2e.durability;

import io.switchboard.media.testpeer.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The embedded MongoDB run as its own process from the packaged server ({@code SharedStore}): the one store several
 * nodes share in the two-node test, reached through {@code MONGODB_URI}, outliving a node that is killed.
 */
final class SharedStoreProcess implements AutoCloseable {
  private static final String READY = "Shared store listening on ";

  private final Process process;
  private final Path log;

  private SharedStoreProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static SharedStoreProcess start(Path dataDir) throws Exception {
    Path log = Files.createTempFile("switchboard-store-", ".log");
    Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", ServerProcess.jar().toString(), "io.switchboard.server.store.SharedStore",
        dataDir.toAbsolutePath().toString(), "0"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    SharedStoreProcess store = new SharedStoreProcess(process, log);
    try {
      Await.until(() -> store.output().contains(READY) || !process.isAlive(), Duration.ofSeconds(60),
          "the shared store to listen");
      if (!process.isAlive()) {
        throw new IllegalStateException("the shared store exited: " + store.output());
      }
    } catch (Exception | AssertionError e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** {@code mongodb://127.0.0.1:<port>}. */
  String uri() {
    String out = output();
    int at = out.indexOf(READY) + READY.length();
    return out.substring(at, out.indexOf('\n', at)).trim();
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
