package io.switchboard.server.routingconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.routing.acd.OverflowTarget;
import io.switchboard.routing.config.ConfigRejection;
import io.switchboard.routing.config.RoutingConfiguration;
import io.switchboard.server.config.MongoConfig;
import io.switchboard.server.store.Store;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Versions, rollback, concurrency, validation and live apply, on the embedded MongoDB as a restart finds it. */
@ExtendWith(VertxExtension.class)
class RoutingConfigStoreTest {

  Vertx vertx;
  Path dir;
  Store store;
  Context context;
  RoutingConfigStore config;
  final List<RoutingConfiguration> applied = new CopyOnWriteArrayList<>();
  final List<Thread> listenerThreads = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open(Vertx vertx, @TempDir Path dir) throws Exception {
    this.vertx = vertx;
    this.dir = dir;
    reopen();
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
  }

  void reopen() throws Exception {
    if (store != null) {
      await(store.close());
    }
    store = await(Store.open(vertx, new MongoConfig("", "switchboard", 0), dir));
    context = vertx.getOrCreateContext();
    config = await(RoutingConfigStore.open(context, store));
    config.onChange(c -> {
      applied.add(c);
      listenerThreads.add(Thread.currentThread());
    });
  }

  static JsonObject queue(String id, String name) {
    return new JsonObject().put("name", name);
  }

  JsonObject put(String kind, String id, JsonObject doc) throws Exception {
    return await(config.put(kind, id, doc, null, "a-ada"));
  }

  @Test
  void put_keepsEveryVersion_raisesTheRevision_andAppliesLive() throws Exception {
    JsonObject v1 = put("queue", "support", queue("support", "Support"));
    JsonObject v2 = put("queue", "support", queue("support", "Support line").put("wrapUp", 30));

    assertThat(v1.getLong("version")).isEqualTo(1);
    assertThat(v2.getLong("version")).isEqualTo(2);
    assertThat(v2.getLong("revision")).isEqualTo(v1.getLong("revision") + 1);
    assertThat(config.current().revision()).isEqualTo(v2.getLong("revision"));
    assertThat(config.current().queueNames()).containsEntry("support", "Support line");
    assertThat(config.current().queue("support").orElseThrow().wrapUp().toSeconds()).isEqualTo(30);
    List<JsonObject> versions = await(config.versions("queue", "support"));
    assertThat(versions).extracting(v -> v.getLong("version")).containsExactly(2L, 1L);
    assertThat(versions.get(1).getJsonObject("doc").getString("name")).isEqualTo("Support");
    assertThat(versions.get(0).getString("author")).isEqualTo("a-ada");
    // The listener saw both, in order, on the store's context.
    assertThat(applied).extracting(RoutingConfiguration::revision)
        .containsExactly(v1.getLong("revision"), v2.getLong("revision"));
    assertThat(listenerThreads).allSatisfy(t -> assertThat(t.getName()).contains("eventloop"));
  }

  @Test
  void onChange_runsOnTheContextTheStoreWasOpenedOn() throws Exception {
    CompletableFuture<Boolean> onContext = new CompletableFuture<>();
    config.onChange(c -> onContext.complete(Vertx.currentContext() == context));

    put("queue", "support", queue("support", "Support"));

    assertThat(onContext.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void rollback_restoresThePreviousVersion_asANewVersion() throws Exception {
    put("queue", "support", queue("support", "Support"));
    put("queue", "support", queue("support", "Renamed"));

    JsonObject rolled = await(config.rollback("queue", "support", null, null, "a-ada"));

    assertThat(rolled.getLong("version")).isEqualTo(3);
    assertThat(rolled.getJsonObject("doc").getString("name")).isEqualTo("Support");
    assertThat(config.current().queueNames()).containsEntry("support", "Support");
    assertThat(await(config.versions("queue", "support"))).hasSize(3);
  }

  @Test
  void delete_isAVersion_andRollbackBringsItBack() throws Exception {
    put("queue", "sales", queue("sales", "Sales"));
    put("queue", "support", queue("support", "Support"));

    JsonObject deleted = await(config.delete("queue", "sales", 1L, "a-ada"));
    assertThat(deleted.getBoolean("deleted")).isTrue();
    assertThat(deleted.getLong("version")).isEqualTo(2);
    assertThat(config.current().queueNames()).doesNotContainKey("sales");
    assertThatThrownBy(() -> await(config.delete("queue", "sales", null, "a-ada")))
        .isInstanceOf(NoSuchConfig.class);

    JsonObject back = await(config.rollback("queue", "sales", null, 2L, "a-ada"));

    assertThat(back.getLong("version")).isEqualTo(3);
    assertThat(back.getBoolean("deleted")).isFalse();
    assertThat(config.current().queueNames()).containsEntry("sales", "Sales");
  }

  @Test
  void staleExpectedVersion_isAConflict_andChangesNothing() throws Exception {
    put("queue", "support", queue("support", "Support"));
    put("queue", "support", queue("support", "Second"));
    long revision = config.current().revision();

    assertThatThrownBy(() -> await(config.put("queue", "support", queue("support", "Lost update"), 1L, "a-ada")))
        .isInstanceOf(VersionConflict.class).hasMessageContaining("version 2, not 1");
    assertThatThrownBy(() -> await(config.put("queue", "support", queue("support", "New?"), 0L, "a-ada")))
        .isInstanceOf(VersionConflict.class);

    assertThat(config.current().revision()).isEqualTo(revision);
    assertThat(await(config.entry("queue", "support")).getJsonObject("doc").getString("name")).isEqualTo("Second");
  }

  @Test
  void twoWritersWithTheSameVersion_oneWins() throws Exception {
    put("queue", "support", queue("support", "Support"));

    Future<JsonObject> a = config.put("queue", "support", queue("support", "A"), 1L, "a-ada");
    Future<JsonObject> b = config.put("queue", "support", queue("support", "B"), 1L, "a-sam");
    Future.join(a, b).transform(ar -> Future.succeededFuture()).await(20, TimeUnit.SECONDS);

    assertThat(List.of(a.succeeded(), b.succeeded())).containsExactlyInAnyOrder(true, false);
    assertThat((a.failed() ? a : b).cause()).isInstanceOf(VersionConflict.class);
    assertThat(await(config.versions("queue", "support"))).hasSize(2);
  }

  @Test
  void invalidChange_storesNothing_andListsEveryProblem() throws Exception {
    put("queue", "support", queue("support", "Support"));
    long revision = config.current().revision();
    int changes = applied.size();

    assertThatThrownBy(() -> await(config.put("queue", "support", queue("support", "Support")
        .put("whenFull", new JsonObject().put("kind", "queue").put("queue", "salez")).put("wrapUp", -1), null,
        "a-ada")))
        .isInstanceOfSatisfying(ConfigRejection.class, r -> assertThat(r.problems()).containsExactly(
            "queue support: wrapUp: expected whole seconds 0..3600, got Integer -1",
            "queue support: whenFull names unknown queue 'salez'"));
    // Deleting a queue an agent serves is refused too: the whole configuration is checked.
    put("agent", "a-bob", new JsonObject().put("queues", new JsonArray().add("support")));
    assertThatThrownBy(() -> await(config.delete("queue", "support", null, "a-ada")))
        .isInstanceOfSatisfying(ConfigRejection.class, r -> assertThat(r.problems())
            .containsExactly("agent a-bob: queue 'support' does not exist"));

    assertThat(await(config.versions("queue", "support"))).hasSize(1);
    assertThat(config.current().revision()).isEqualTo(revision + 1);
    assertThat(applied).hasSize(changes + 1);
    assertThat(config.current().queue("support").orElseThrow().whenFull()).isEqualTo(OverflowTarget.refuse());
  }

  @Test
  void restart_loadsTheSameConfigurationAndRevision() throws Exception {
    put("queue", "support", queue("support", "Support"));
    put("queue", "sales", queue("sales", "Sales").put("whenNoAgents", "voicemail"));
    long revision = config.current().revision();

    reopen();

    assertThat(config.current().revision()).isEqualTo(revision);
    assertThat(config.current().queueNames()).containsOnlyKeys("support", "sales");
    assertThat(config.startProblems()).isEmpty();
    assertThat(put("queue", "sales", queue("sales", "Sales 2")).getLong("revision")).isEqualTo(revision + 1);
  }

  @Test
  void restart_withInvalidStoredDocuments_usesTheLastValidConfiguration() throws Exception {
    put("queue", "support", queue("support", "Support"));
    put("agent", "a-bob", new JsonObject().put("queues", new JsonArray().add("support")));
    long revision = config.current().revision();
    // Someone edits the database by hand: Bob now serves a queue that does not exist.
    JsonObject broken = await(store.routingConfig().entry("agent", "a-bob")).orElseThrow();
    broken.put("version", 2L).getJsonObject("doc").put("queues", new JsonArray().add("nowhere"));
    assertThat(await(store.routingConfig().save(broken, 1))).isTrue();

    reopen();

    assertThat(config.startProblems()).containsExactly("agent a-bob: queue 'nowhere' does not exist");
    assertThat(config.current().revision()).isEqualTo(revision);
    assertThat(config.current().agent("a-bob").orElseThrow().memberships().get(0).queueId()).isEqualTo("support");
    // A change that fixes it is accepted and applied.
    JsonObject fixed = await(config.put("agent", "a-bob", new JsonObject().put("queues", new JsonArray()
        .add("support")), 2L, "a-ada"));
    assertThat(fixed.getLong("revision")).isGreaterThan(revision);
    assertThat(config.startProblems()).isEmpty();
  }

  @Test
  void seededDocuments_areAppliedAtOpen_asANewRevision_andNotSeededTwice() throws Exception {
    long before = config.current().revision();
    assertThat(await(RoutingConfigStore.seedIfAbsent(store, "queue", new JsonObject().put("id", "support")
        .put("name", "Support"), "demo"))).isTrue();
    // A document keyed by _id, as MongoDB would write it, is seeded under that id.
    assertThat(await(RoutingConfigStore.seedIfAbsent(store, "queue", new JsonObject().put("_id", "sales")
        .put("name", "Sales"), "demo"))).isTrue();

    reopen();

    assertThat(config.current().revision()).isEqualTo(before + 1);
    assertThat(config.current().queueNames()).containsEntry("support", "Support").containsEntry("sales", "Sales");
    assertThat(await(RoutingConfigStore.seedIfAbsent(store, "queue", new JsonObject().put("id", "support")
        .put("name", "Other"), "demo"))).isFalse();
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }
}
