package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.config.RoutingConfiguration;
import io.switchboard.routing.flow.CallInfo;
import io.switchboard.routing.flow.step.JoinQueue;
import io.switchboard.server.config.MongoConfig;
import io.switchboard.server.routingconfig.RoutingConfigStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Schema step 4 → 5: yesterday's {@code queues} collection becomes routing configuration documents. */
@ExtendWith(VertxExtension.class)
class QueueMigrationTest {

  private static final String DB = "switchboard";

  @Test
  void queuesWithDids_becomeQueuesFlowsAndE164EntryPoints(Vertx vertx, @TempDir Path dir) throws Exception {
    // As version 4 left it: the demo's queue with an E.164 DID, a bare one and an extension.
    EmbeddedMongo mongo = await(EmbeddedMongo.start(vertx, dir, 0, MongoConfig.DEFAULT_EMBEDDED_CACHE_MB));
    MongoClient client = MongoClient.create(vertx, new JsonObject().put("connection_string", mongo.connectionString())
        .put("db_name", DB));
    try {
      await(client.insert(Migrations.META, new JsonObject().put("_id", Migrations.SCHEMA).put("version", 4)));
      await(client.insert("queues", new JsonObject().put("_id", "support").put("name", "Support")
          .put("dids", new JsonArray().add("+4930555000").add("4930555000").add("100"))));
      await(client.insert("queues", new JsonObject().put("_id", "sales").put("name", "Sales")
          .put("dids", new JsonArray().add("+4930555002"))));
      await(client.insert("queues", new JsonObject().put("_id", "tech").put("name", "Tech")
          .put("dids", new JsonArray().add("+4930555000"))));
    } finally {
      await(client.close());
      await(mongo.stop(vertx));
    }

    Store store = await(Store.open(vertx, new MongoConfig("", DB, 0), dir));
    try {
      RoutingConfiguration config = await(RoutingConfigStore.open(vertx, store)).current();

      assertThat(config.queueNames()).containsEntry("support", "Support").containsEntry("sales", "Sales");
      assertThat(config.flows()).containsOnlyKeys("queue-support", "queue-sales", "queue-tech");
      // Only E.164 numbers are entry points; a DID on two queues stays with the first by id.
      assertThat(config.entryPoints().byNumber()).containsOnlyKeys("+4930555000", "+4930555002");
      var flow = config.entryPoints().forCall(new CallInfo("c1", "+4930111111", "+4930555000",
          CallInfo.Channel.TRUNK)).orElseThrow();
      assertThat(flow.steps().values()).singleElement().isInstanceOfSatisfying(JoinQueue.class,
          step -> assertThat(step.queueId()).isEqualTo("support"));
      assertThat(await(store.routingConfig().versions("queue", "support"))).singleElement()
          .satisfies(v -> assertThat(v.getString("author")).isEqualTo("migration"));
      // The old collection stays for whoever still reads it.
      assertThat(await(store.queues())).hasSize(3);
    } finally {
      await(store.close());
    }
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }
}
