package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.testpeer.Await;
import io.switchboard.server.config.MongoConfig;
import io.switchboard.server.routingconfig.RoutingConfigStore;
import io.switchboard.server.store.Store;
import io.switchboard.server.trunks.CredentialSeal;
import io.switchboard.server.trunks.TrunkDocuments;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trunks allowed to transfer a caller out by REFER ({@code transfer: refer}) follow the live trunk documents
 * (ADR 0010), as the gateway's trunks do: an admin who switches a trunk to REFER, or back, needs no restart.
 */
@ExtendWith(VertxExtension.class)
class LiveTrunksTest {

  private Store store;

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      await(store.close());
    }
  }

  @Test
  void switchingATrunkToReferAndBack_reachesTheDialerEachTime_andOtherChangesDoNot(Vertx vertx, @TempDir Path dir)
      throws Exception {
    store = await(Store.open(vertx, new MongoConfig("", "switchboard", 0), dir));
    TrunkDocuments kind = new TrunkDocuments(new CredentialSeal(new byte[32]));
    RoutingConfigStore config = await(RoutingConfigStore.open(vertx.getOrCreateContext(), store, List.of(kind)));
    await(config.put(TrunkDocuments.KIND, "carrier", trunk("bridge"), null, "a-ada"));
    LiveTrunks live = new LiveTrunks(config, kind);
    List<Set<String>> applied = new CopyOnWriteArrayList<>();
    live.onReferTrunks(applied::add);

    await(config.put(TrunkDocuments.KIND, "carrier", trunk("refer"), null, "a-ada"));
    Await.until(() -> applied.size() == 1, Duration.ofSeconds(5), "the REFER trunks after the change");
    assertThat(applied.get(0)).containsExactly("carrier");

    // A change that leaves the REFER set as it is (another source address) is not passed on.
    await(config.put(TrunkDocuments.KIND, "carrier", trunk("refer").put("allowedSources",
        new JsonArray().add("127.0.0.2")), null, "a-ada"));
    await(config.put(TrunkDocuments.KIND, "carrier", trunk("bridge"), null, "a-ada"));
    Await.until(() -> applied.size() == 2, Duration.ofSeconds(5), "the REFER trunks after switching back");
    assertThat(applied.get(1)).isEmpty();
  }

  private static JsonObject trunk(String transfer) {
    return new JsonObject().put("allowedSources", new JsonArray().add("127.0.0.1")).put("transfer", transfer);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }
}
