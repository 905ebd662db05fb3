package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Callback requests come oldest first by when they were requested, whatever their ids, page after page. */
@ExtendWith(VertxExtension.class)
class CallbacksOldestFirstTest {

  @TempDir
  Path dir;
  private Store store;

  @BeforeEach
  void open(Vertx vertx) throws Exception {
    store = await(TestStores.open(vertx, dir, TestStores.database()));
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
  }

  @Test
  void findReturnsTheOldestRequestFirst_notTheSmallestId_andPagesKeepThatOrder() throws Exception {
    book("cb-a", "+4930000001", "2026-11-23T12:00:00Z");
    book("cb-b", "+4930000002", "2026-11-23T11:00:00Z");
    book("cb-c", "+4930000003", "2026-11-23T10:00:00Z");
    book("cb-d", "+4930000004", "2026-11-23T11:00:00Z");

    List<String> all = ids(await(store.callbacks().find(new CallbackQuery("pending", null, null, null, null, 10))));
    assertThat(all).containsExactly("cb-c", "cb-b", "cb-d", "cb-a");

    List<String> paged = new ArrayList<>();
    String after = null;
    for (int page = 0; page < 5; page++) {
      List<JsonObject> found = await(store.callbacks().find(new CallbackQuery("pending", null, null, null, after, 1)));
      if (found.isEmpty()) {
        break;
      }
      after = found.get(0).getString("_id");
      paged.add(after);
    }
    assertThat(paged).containsExactly("cb-c", "cb-b", "cb-d", "cb-a");
  }

  private void book(String id, String number, String requestedAt) throws Exception {
    JsonObject request = VoicemailsAndCallbacksTest.callback(id, number, "pending")
        .put("requestedAt", new JsonObject().put("$date", requestedAt));
    assertThat(await(store.callbacks().bookIfNone(request))).isTrue();
  }

  private static List<String> ids(List<JsonObject> found) {
    return found.stream().map(c -> c.getString("_id")).toList();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
