package io.switchboard.server;

import static io.switchboard.server.StorePersistenceTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ServerLifecycleTest {

  @TempDir
  Path firstDir;
  @TempDir
  Path secondDir;

  @Test
  void httpPortTaken_startFailsNamingThePort_andReleasesWhatItStarted(Vertx vertx) throws Exception {
    SwitchboardServer running = await(SwitchboardServer.start(vertx, TestConfigs.onFreePorts(firstDir),
        FakeWebRtcEndpoint.STARTER));
    AtomicReference<FakeWebRtcEndpoint> media = new AtomicReference<>();
    MediaStarter recording = (v, c) -> {
      media.set(new FakeWebRtcEndpoint());
      return Future.succeededFuture(media.get());
    };
    try {
      int taken = running.httpPort();
      assertThatThrownBy(() -> await(SwitchboardServer.start(vertx,
          TestConfigs.onFreePorts(secondDir, "--http.port=" + taken), recording)))
          .hasMessageContaining("HTTP cannot listen on 127.0.0.1:" + taken + " (http.port)");

      assertThat(media.get().isClosed()).isTrue();
      // The failed start closed its embedded MongoDB: the same data folder opens again.
      SwitchboardServer again = await(SwitchboardServer.start(vertx, TestConfigs.onFreePorts(secondDir),
          FakeWebRtcEndpoint.STARTER));
      await(again.stop());
    } finally {
      await(running.stop());
    }
  }

  @Test
  void mediaFailsToStart_startFailsNamingMedia_andClosesTheStore(Vertx vertx) throws Exception {
    MediaStarter failing = (v, c) -> Future.failedFuture("Address already in use");

    assertThatThrownBy(() -> await(SwitchboardServer.start(vertx, TestConfigs.onFreePorts(firstDir), failing)))
        .hasMessageContaining("WebRTC media cannot start on UDP 127.0.0.1:0 (media.webrtc.port): "
            + "Address already in use");

    SwitchboardServer again = await(SwitchboardServer.start(vertx, TestConfigs.onFreePorts(firstDir),
        FakeWebRtcEndpoint.STARTER));
    await(again.stop());
  }

  @Test
  void embeddedMongoPortTaken_startFailsNamingTheSetting(Vertx vertx) throws Exception {
    SwitchboardServer running = await(SwitchboardServer.start(vertx, TestConfigs.onFreePorts(firstDir),
        FakeWebRtcEndpoint.STARTER));
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int taken = socket.getLocalPort();
      if (!running.store().description().contains("embedded")) {
        return; // an external MongoDB is configured: there is no embedded port to collide on
      }
      assertThatThrownBy(() -> await(SwitchboardServer.start(vertx,
          TestConfigs.onFreePorts(secondDir, "--mongodb.embedded.port=" + taken), FakeWebRtcEndpoint.STARTER)))
          .hasMessageContaining("embedded MongoDB cannot listen on 127.0.0.1:" + taken + " (mongodb.embedded.port)");

      SwitchboardServer again = await(SwitchboardServer.start(vertx, TestConfigs.onFreePorts(secondDir),
          FakeWebRtcEndpoint.STARTER));
      await(again.stop());
    } finally {
      await(running.stop());
    }
  }

  @Test
  void dataFolderInUseByAnotherServer_startFailsNamingTheFolder(Vertx vertx) throws Exception {
    SwitchboardServer running = await(SwitchboardServer.start(vertx, TestConfigs.onFreePorts(firstDir),
        FakeWebRtcEndpoint.STARTER));
    try {
      if (!running.store().description().contains("embedded")) {
        return; // an external MongoDB is configured: the data folder holds no database file
      }
      assertThatThrownBy(() -> await(SwitchboardServer.start(vertx, TestConfigs.onFreePorts(firstDir),
          FakeWebRtcEndpoint.STARTER)))
          .hasMessageContaining("embedded MongoDB cannot open " + firstDir.toAbsolutePath().resolve("mongo.mv.db")
              + " (data.dir)");
    } finally {
      await(running.stop());
    }
  }
}
