package io.switchboard.e2e.calls;

import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The trunk "pstn" of the outbound tests: it places calls through a SIPp carrier on 127.0.0.1 (digest auth
 * outuser/outpass, German dial plan, the hotline's caller id, alice allowed) and takes no inbound calls. Trunks are
 * read when the server starts, so installing it restarts the server on the same data folder.
 */
final class OutboundTrunk {
  static final String HOTLINE = "+4930555000";

  private OutboundTrunk() {
  }

  /** Stores the trunk, stops {@code running} and returns a server started anew with the demo data. */
  static SwitchboardServer install(Vertx vertx, SwitchboardServer running, Path dataDir, int carrierPort)
      throws Exception {
    return install(vertx, running, dataDir, carrierPort, new JsonObject());
  }

  /** As {@link #install(Vertx, SwitchboardServer, Path, int)}, with more {@code outbound} settings. */
  static SwitchboardServer install(Vertx vertx, SwitchboardServer running, Path dataDir, int carrierPort,
      JsonObject moreOutbound) throws Exception {
    JsonObject trunk = new JsonObject().put("_id", "pstn")
        // Inbound from nowhere reachable: this trunk only carries our outbound calls.
        .put("allowedSources", new JsonArray().add("192.0.2.1")).put("dids", new JsonArray())
        .put("outbound", new JsonObject().put("proxy", "127.0.0.1:" + carrierPort).put("domain", "carrier.example")
            .put("username", "outuser").put("password", "outpass").put("region", "DE").put("callerId", HOTLINE)
            .put("allowedAgents", new JsonArray().add("alice")).put("maxConcurrent", 2).put("maxPerDay", 50)
            .put("ringTimeoutSeconds", 20).mergeIn(moreOutbound));
    await(running.store().saveTrunk(trunk));
    // The demo shop keeps its port: the widget's entry point allows the origin seeded on the first start.
    int shopPort = running.demoShopPort();
    await(running.stop());
    return await(SwitchboardServer.start(vertx, Config.load(Map.of(), List.of("--http.port=0",
        "--media.webrtc.port=0", "--sip.bind-host=127.0.0.1", "--sip.port=0", "--media.rtp.bind-host=127.0.0.1",
        "--demo.shop-port=" + shopPort,
        "--data.dir=" + dataDir.toAbsolutePath(), "--demo.enabled=true"))));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
