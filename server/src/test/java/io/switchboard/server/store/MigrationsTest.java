package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The schema version and its migrations, on the embedded MongoDB's file as a restart finds it. */
@ExtendWith(VertxExtension.class)
class MigrationsTest {

  private final String db = TestStores.database();

  @Test
  void aVersion1Database_isMigratedAtStart_customersGetDefaultsAndIncidentsTheirIndexes(Vertx vertx,
      @TempDir Path dir) throws Exception {
    // As version 1 left it: customers without the flags, no incident indexes.
    withRawClient(vertx, dir, db, client -> client.insert("customers", new JsonObject().put("_id", "cu-old")
            .put("numbers", new JsonArray().add("+4930999999")).put("name", "Old GmbH"))
        .compose(id -> client.insert(Migrations.META, new JsonObject().put("_id", Migrations.SCHEMA)
            .put("version", 1))));

    Store store = await(Store.open(vertx, TestStores.config(db), dir));
    try {
      JsonObject old = await(store.customers().byNumber("+4930999999")).orElseThrow();
      assertThat(old.getBoolean("vip")).isFalse();
      assertThat(old.getBoolean("blacklisted")).isFalse();
      assertThat(old.getJsonArray("tags")).isEmpty();
      assertThat(old.containsKey("personalManager")).isTrue();
    } finally {
      await(store.close());
    }
    withRawClient(vertx, dir, db, client -> Migrations.version(client).compose(version -> {
      assertThat(version).isEqualTo(Migrations.CURRENT);
      return client.listIndexes("incidents");
    }).map(indexes -> {
      assertThat(indexes.stream().map(i -> ((JsonObject) i).getJsonObject("key").encode()).toList())
          .contains("{\"customerId\":1,\"status\":1,\"priority\":1}", "{\"callIds\":1}");
      return null;
    }));
  }

  @Test
  void aDatabaseFromBeforeCustomers_getsEveryStep_andRunningAgainChangesNothing(Vertx vertx, @TempDir Path dir)
      throws Exception {
    withRawClient(vertx, dir, db, client -> client.insert("calls", new JsonObject().put("_id", "c-old")
        .put("from", "+4930111111")));

    withRawClient(vertx, dir, db, client -> Migrations.run(client).compose(first -> {
      assertThat(first).isEqualTo(Migrations.CURRENT);
      return client.findOne(Migrations.META, new JsonObject(), null);
    }).compose(meta -> Migrations.run(client).compose(again -> client.findOne(Migrations.META, new JsonObject(), null))
        .map(metaAgain -> {
          assertThat(metaAgain).isEqualTo(meta); // not re-stamped: no step ran
          return null;
        })));
  }

  @Test
  void aNumberIsOneCustomers_theUniqueIndexRefusesASecond(Vertx vertx, @TempDir Path dir) throws Exception {
    Store store = await(Store.open(vertx, TestStores.config(db), dir));
    try {
      await(store.customers().insert(customer("cu-1", "+4930123456")));
      assertThatThrownBy(() -> await(store.customers().insert(customer("cu-2", "+4930777777", "+4930123456"))))
          .isInstanceOf(StoreConflict.class);
      assertThat(await(store.customers().byNumber("+4930777777"))).isEmpty();
    } finally {
      await(store.close());
    }
  }

  @Test
  void aDatabaseNewerThanTheServer_isRefusedAtStart(Vertx vertx, @TempDir Path dir) throws Exception {
    withRawClient(vertx, dir, db, client -> client.insert(Migrations.META,
        new JsonObject().put("_id", Migrations.SCHEMA)
        .put("version", Migrations.CURRENT + 1)));

    assertThatThrownBy(() -> await(Store.open(vertx, TestStores.config(db), dir)))
        .hasMessageContaining("newer than this server");
  }

  private static JsonObject customer(String id, String... numbers) {
    return new JsonObject().put("_id", id).put("numbers", new JsonArray(List.of(numbers))).put("name", id);
  }

  private static void withRawClient(Vertx vertx, Path dir, String db, Function<MongoClient, Future<?>> work)
      throws Exception {
    await(TestStores.withRawClient(vertx, dir, db, work));
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }
}
