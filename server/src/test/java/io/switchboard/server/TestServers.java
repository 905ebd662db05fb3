package io.switchboard.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/** For tests in other packages: a real server on free ports with the fake WebRTC endpoint (no media stack). */
public final class TestServers {

  private TestServers() {
  }

  public static Future<SwitchboardServer> withFakeMedia(Vertx vertx, Path dataDir, String... extraArgs) {
    return SwitchboardServer.start(vertx, TestConfigs.onFreePorts(dataDir, extraArgs), FakeWebRtcEndpoint.STARTER);
  }
}
