package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class StorePersistenceTest {

  @TempDir
  Path dataDir;

  @Test
  void settingWritten_survivesRestartOfTheWholeServer(Vertx vertx) throws Exception {
    Config config = TestConfigs.onFreePorts(dataDir);
    // Unique per run, so the test also holds against a shared external MongoDB.
    String key = "restart-test-" + UUID.randomUUID();
    JsonObject value = new JsonObject().put("greeting", "welcome.wav").put("maxQueue", 12);

    SwitchboardServer first = await(SwitchboardServer.start(vertx, config, FakeWebRtcEndpoint.STARTER));
    await(first.store().putSetting(key, value));
    await(first.stop());

    SwitchboardServer second = await(SwitchboardServer.start(vertx, config, FakeWebRtcEndpoint.STARTER));
    Optional<JsonObject> found = await(second.store().setting(key));
    await(second.stop());

    assertThat(found).contains(value);
    if (config.mongo().embedded()) {
      assertThat(dataDir.resolve("mongo.mv.db")).isRegularFile();
    }
  }

  @Test
  void missingSetting_isEmpty(Vertx vertx) throws Exception {
    SwitchboardServer server = await(SwitchboardServer.start(vertx, TestConfigs.onFreePorts(dataDir),
        FakeWebRtcEndpoint.STARTER));
    try {
      assertThat(await(server.store().setting("never-written-" + UUID.randomUUID()))).isEmpty();
    } finally {
      await(server.stop());
    }
  }

  @Test
  void putSetting_replacesThePreviousValue(Vertx vertx) throws Exception {
    SwitchboardServer server = await(SwitchboardServer.start(vertx, TestConfigs.onFreePorts(dataDir),
        FakeWebRtcEndpoint.STARTER));
    String key = "replace-test-" + UUID.randomUUID();
    try {
      await(server.store().putSetting(key, new JsonObject().put("v", 1)));
      await(server.store().putSetting(key, new JsonObject().put("v", 2)));
      assertThat(await(server.store().setting(key))).contains(new JsonObject().put("v", 2));
    } finally {
      await(server.stop());
    }
  }

  @Test
  void dataFolder_isCreatedWhenMissing(Vertx vertx) throws Exception {
    Path nested = dataDir.resolve("a/b/c");
    Config config = TestConfigs.onFreePorts(nested);
    SwitchboardServer server = await(SwitchboardServer.start(vertx, config, FakeWebRtcEndpoint.STARTER));
    await(server.stop());

    if (config.mongo().embedded()) {
      assertThat(Files.isDirectory(nested)).isTrue();
    }
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }
}
