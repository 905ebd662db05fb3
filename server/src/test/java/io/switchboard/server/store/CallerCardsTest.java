package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The caller's card: the last CSAT answer from the call records, and each last call's disposition. */
@ExtendWith(VertxExtension.class)
class CallerCardsTest {

  private static final String NUMBER = "+4930123456";

  @Test
  void theCardShowsTheNewestCsatAnswer_andTheDispositionOfEachLastCall(Vertx vertx, @TempDir Path dir)
      throws Exception {
    Store store = await(TestStores.open(vertx, dir, TestStores.database()));
    try {
      await(store.customers().insert(new JsonObject().put("_id", "cu-1").put("name", "Known")
          .put("numbers", new JsonArray().add(NUMBER))));
      await(store.saveCall(call("c-1", "2026-03-01T08:00:00Z").put("csat", csat(2, "2026-03-01T08:05:00Z"))));
      await(store.saveCall(call("c-2", "2026-03-02T08:00:00Z").put("csat", csat(5, "2026-03-02T08:05:00Z"))));
      await(store.saveCall(call("c-3", "2026-03-03T08:00:00Z"))); // hung up before the survey
      await(store.saveWrapUp("c-3", new JsonObject().put("disposition", "resolved")));

      JsonObject card = await(store.callerCard(NUMBER));

      assertThat(card.getJsonObject("lastCsat")).isEqualTo(new JsonObject().put("score", 5)
          .put("at", "2026-03-02T08:05:00Z").put("callId", "c-2"));
      JsonArray last = card.getJsonArray("lastCalls");
      assertThat(last.getJsonObject(0).getString("id")).isEqualTo("c-3");
      assertThat(last.getJsonObject(0).getString("disposition")).isEqualTo("resolved");
      assertThat(last.getJsonObject(1).getValue("disposition")).isNull();
    } finally {
      await(store.close());
    }
  }

  @Test
  void aCustomerWhoNeverAnsweredTheSurvey_hasNoLastCsat(Vertx vertx, @TempDir Path dir) throws Exception {
    Store store = await(TestStores.open(vertx, dir, TestStores.database()));
    try {
      await(store.customers().insert(new JsonObject().put("_id", "cu-1").put("name", "Known")
          .put("numbers", new JsonArray().add(NUMBER))));
      await(store.saveCall(call("c-1", "2026-03-01T08:00:00Z")));

      assertThat(await(store.callerCard(NUMBER)).getValue("lastCsat")).isNull();
    } finally {
      await(store.close());
    }
  }

  private static JsonObject call(String id, String arrivedAt) {
    return new JsonObject().put("_id", id).put("from", NUMBER).put("outcome", "answered")
        .put("arrivedAt", new JsonObject().put("$date", arrivedAt));
  }

  private static JsonObject csat(int score, String at) {
    return new JsonObject().put("score", score).put("at", new JsonObject().put("$date", at)).put("agentId", "a-1");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }
}
