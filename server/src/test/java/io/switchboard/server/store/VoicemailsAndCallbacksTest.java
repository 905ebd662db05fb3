package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voicemails, callback requests (one open request per caller), dispositions and the call record's wrap-up, on the
 * embedded MongoDB, or on {@code MONGODB_URI} when set ({@link TestStores}).
 */
@ExtendWith(VertxExtension.class)
class VoicemailsAndCallbacksTest {

  private static final String NUMBER = "+4930123456";

  @TempDir
  Path dir;
  private Vertx vertx;
  private Store store;

  @BeforeEach
  void open(Vertx vertx) throws Exception {
    this.vertx = vertx;
    store = await(TestStores.open(vertx, dir, TestStores.database()));
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
  }

  @Test
  void twentyConcurrentBookings_forOneNumber_storeExactlyOne() throws Exception {
    List<Future<Boolean>> attempts = IntStream.range(0, 20)
        .mapToObj(i -> store.callbacks().bookIfNone(callback(Ids.mint("cb"), NUMBER, "pending"))).toList();
    await(Future.join(attempts));

    assertThat(attempts.stream().filter(Future::result).count()).isEqualTo(1);
    assertThat(await(store.callbacks().find(new CallbackQuery(null, null, NUMBER, null, null, 100)))).hasSize(1);
  }

  @Test
  void aDoneCallback_letsTheSameCallerBookAgain_andCannotBeReopenedBesideTheNewOne() throws Exception {
    JsonObject first = callback("cb-1", NUMBER, "pending");
    assertThat(await(store.callbacks().bookIfNone(first))).isTrue();
    assertThat(await(store.callbacks().bookIfNone(callback("cb-2", NUMBER, "pending")))).isFalse();
    assertThat(await(store.callbacks().bookIfNone(callback("cb-3", "+4930999999", "pending")))).isTrue();

    JsonObject done = await(store.callbacks().update("cb-1", new JsonObject().put("status", "done"))).orElseThrow();
    assertThat(done.getString("status")).isEqualTo("done");
    assertThat(done.containsKey(MongoCallbacks.OPEN_KEY)).isFalse();
    assertThat(await(store.callbacks().bookIfNone(callback("cb-2", NUMBER, "pending")))).isTrue();
    assertThat(await(store.callbacks().openFor(NUMBER))).map(c -> c.getString("_id")).contains("cb-2");

    assertThatThrownBy(() -> await(store.callbacks().update("cb-1", new JsonObject().put("status", "pending"))))
        .isInstanceOf(StoreConflict.class);
    assertThat(await(store.callbacks().byId("cb-1")).orElseThrow().getString("status")).isEqualTo("done");
  }

  @Test
  void inProgressCountsAsOpen_andUpdateKeepsTheNumber() throws Exception {
    await(store.callbacks().bookIfNone(callback("cb-1", NUMBER, "pending")));
    JsonObject taken = await(store.callbacks().update("cb-1", new JsonObject().put("status", "in_progress")
        .put("assignedTo", "a-1").put("number", "+4930000000"))).orElseThrow();

    assertThat(taken.getString("number")).isEqualTo(NUMBER);
    assertThat(taken.getString("assignedTo")).isEqualTo("a-1");
    assertThat(await(store.callbacks().bookIfNone(callback("cb-2", NUMBER, "pending")))).isFalse();
    assertThat(await(store.callbacks().update("cb-404", new JsonObject().put("notes", "x")))).isEmpty();
  }

  @Test
  void saveOfASecondOpenRequest_isAConflict_andSaveOfTheSameOneUpserts() throws Exception {
    await(store.callbacks().save(callback("cb-1", NUMBER, "pending")));
    await(store.callbacks().save(callback("cb-1", NUMBER, "pending").put("attempts", 2)));
    assertThatThrownBy(() -> await(store.callbacks().save(callback("cb-2", NUMBER, "pending"))))
        .isInstanceOf(StoreConflict.class);
    assertThat(await(store.callbacks().byId("cb-1")).orElseThrow().getInteger("attempts")).isEqualTo(2);
  }

  @Test
  void callbacks_areFoundByStatusAndQueue_oldestFirst_inPages() throws Exception {
    for (int i = 1; i <= 5; i++) {
      await(store.callbacks().save(callback("cb-" + i, "+493000000" + i, i == 3 ? "done" : "pending")
          .put("queueId", i % 2 == 0 ? "support" : "sales")));
    }
    List<JsonObject> pending = await(store.callbacks().find(new CallbackQuery("pending", null, null, null, null, 2)));
    assertThat(pending).extracting(c -> c.getString("_id")).containsExactly("cb-1", "cb-2");
    List<JsonObject> next = await(store.callbacks().find(new CallbackQuery("pending", null, null, null, "cb-2", 2)));
    assertThat(next).extracting(c -> c.getString("_id")).containsExactly("cb-4", "cb-5");
    assertThat(await(store.callbacks().find(new CallbackQuery(null, "support", null, null, null, 10))))
        .extracting(c -> c.getString("_id")).containsExactly("cb-2", "cb-4");
  }

  @Test
  void voicemails_upsertById_filter_andChangeStatus() throws Exception {
    await(store.voicemails().save(voicemail("vm-1", NUMBER, "recording")));
    await(store.voicemails().save(voicemail("vm-1", NUMBER, "new")));
    await(store.voicemails().save(voicemail("vm-2", "+4930999999", "new")));

    assertThat(await(store.voicemails().find(new VoicemailQuery("new", null, null, null, null, 10))))
        .extracting(v -> v.getString("_id")).containsExactly("vm-2", "vm-1");
    assertThat(await(store.voicemails().find(new VoicemailQuery(null, null, NUMBER, null, null, 10))))
        .extracting(v -> v.getString("_id")).containsExactly("vm-1");
    JsonObject heard = await(store.voicemails().setStatus("vm-1", "heard")).orElseThrow();
    assertThat(heard.getString("status")).isEqualTo("heard");
    assertThat(heard.getJsonObject("recording").getString("file")).isEqualTo("vm/vm-1.wav");
    assertThat(await(store.voicemails().setStatus("vm-404", "heard"))).isEmpty();
  }

  @Test
  void saveCall_setsFields_soAWrapUpSavedMeanwhileStays() throws Exception {
    await(store.saveCall(new JsonObject().put("_id", "c-1").put("from", NUMBER).put("outcome", "in_progress")));
    assertThat(await(store.saveWrapUp("c-1", new JsonObject().put("disposition", "resolved")))).isTrue();
    await(store.saveCall(new JsonObject().put("_id", "c-1").put("from", NUMBER).put("outcome", "answered")));

    JsonObject call = await(store.call("c-1")).orElseThrow();
    assertThat(call.getString("outcome")).isEqualTo("answered");
    assertThat(call.getJsonObject("wrapUp").getString("disposition")).isEqualTo("resolved");
    assertThat(await(store.saveWrapUp("c-404", new JsonObject()))).isFalse();
    assertThat(await(store.call("c-404"))).isEmpty();
  }

  @Test
  void aNewDatabase_hasTheSeededDispositions() throws Exception {
    assertThat(await(store.dispositions().all())).extracting(d -> d.getString("_id"))
        .containsExactly("resolved", "information", "complaint", "sales", "escalated", "wrong-number");
    JsonObject resolved = await(store.dispositions().byCode("resolved")).orElseThrow();
    assertThat(resolved.getJsonObject("labels").getString("uk")).isEqualTo("Вирішено");
    assertThat(await(store.dispositions().delete("sales"))).isTrue();
    assertThat(await(store.dispositions().delete("sales"))).isFalse();
  }

  static JsonObject callback(String id, String number, String status) {
    return new JsonObject().put("_id", id).put("number", number).putNull("customerId").put("queueId", "support")
        .put("priority", 0).put("reason", "requested").putNull("callId").put("status", status).put("attempts", 0)
        .put("requestedAt", new JsonObject().put("$date", "2026-11-23T10:00:00Z")).putNull("assignedTo")
        .put("notes", "");
  }

  static JsonObject voicemail(String id, String from, String status) {
    return new JsonObject().put("_id", id).put("callId", "c-" + id).put("from", from).putNull("customerId")
        .put("mailbox", "support").put("lang", "en").put("status", status)
        .put("recording", new JsonObject().put("file", "vm/" + id + ".wav").put("durationMillis", 4000)
            .put("bytes", 64044))
        .put("createdAt", new JsonObject().put("$date", "2026-11-23T10:00:00Z"));
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }
}
