package io.switchboard.server;

import io.switchboard.server.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Configs for tests: free ports, loopback, a temporary data folder. Read through the real loader with the real
 * environment, so setting MONGODB_URI runs the same tests against a real MongoDB instead of the embedded one (each
 * server in a fresh database, {@code switchboard_test_<uuid>}: drop them afterwards).
 */
final class TestConfigs {

  private TestConfigs() {
  }

  static Config onFreePorts(Path dataDir, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of(
        "--http.host=127.0.0.1",
        "--http.port=0",
        "--data.dir=" + dataDir,
        "--mongodb.embedded.port=0",
        "--media.webrtc.bind-host=127.0.0.1",
        "--media.webrtc.port=0",
        "--media.rtp.bind-host=127.0.0.1",
        "--sip.bind-host=127.0.0.1",
        "--sip.port=0",
        "--demo.shop-port=0",
        "--shutdown.timeout-seconds=5"));
    String uri = System.getenv().getOrDefault("MONGODB_URI", "").trim();
    if (!uri.isEmpty()) {
      // A real MongoDB is shared by every test: each server gets a database of its own, so none sees another's data.
      args.add("--mongodb.database=switchboard_test_" + java.util.UUID.randomUUID().toString().replace("-", ""));
    }
    args.addAll(List.of(extraArgs));
    return Config.load(System.getenv(), args);
  }
}
