package io.switchboard.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "Test this flow": the routing engine walks a flow document with digits at a time of day, without a call. */
public class FlowSimulationTest {

  public static JsonObject hotline() {
    JsonObject steps = new JsonObject()
        .put("hours", new JsonObject().put("type", "hours").put("zone", "Europe/Berlin")
            .put("week", new JsonObject().put("mon-fri", "09:00-18:00"))
            .put("holidays", new JsonArray().add("2026-12-24"))
            .put("open", "main").put("closed", "mailbox"))
        .put("main", new JsonObject().put("type", "menu").put("prompt", "main-menu").put("timeout", 5)
            .put("retries", 1).put("options", new JsonObject().put("1", "sales").put("2", "support")
                .put("3", "mailbox")).put("default", "support"))
        .put("sales", new JsonObject().put("type", "queue").put("queue", "sales"))
        .put("support", new JsonObject().put("type", "queue").put("queue", "support"))
        .put("mailbox", new JsonObject().put("type", "voicemail").put("mailbox", "general"));
    return new JsonObject().put("id", "hotline").put("entry", "hours").put("steps", steps);
  }

  static JsonObject last(JsonObject result) {
    JsonArray events = result.getJsonArray("events");
    return events.getJsonObject(events.size() - 1);
  }

  @Test
  void digitOneOnAWorkdayMorning_joinsSales() {
    JsonObject result = FlowSimulation.run(hotline(), "1", Instant.parse("2026-12-07T09:30:00Z"), "+4915100000001",
        "+4930555001");

    assertThat(result.getString("phase")).isEqualTo("queued");
    assertThat(result.getString("step")).isEqualTo("sales");
    assertThat(last(result).getJsonArray("decisions").encode()).contains("\"type\":\"Enqueue\"")
        .contains("\"queueId\":\"sales\"");
    assertThat(result.getJsonArray("events").getJsonObject(0).getJsonArray("decisions").encode())
        .contains("main-menu");
  }

  @Test
  void aSilentCallerFallsToTheMenuDefault() {
    JsonObject result = FlowSimulation.run(hotline(), "", Instant.parse("2026-12-07T09:30:00Z"), "+4915100000001",
        "+4930555001");

    assertThat(result.getString("step")).isEqualTo("support");
    assertThat(result.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("event")))
        .contains("timeout");
  }

  @Test
  void onTheHolidayTheCallerReachesTheMailbox_whateverTheyPress() {
    JsonObject result = FlowSimulation.run(hotline(), "1", Instant.parse("2026-12-24T10:00:00Z"), "+4915100000001",
        "+4930555001");

    assertThat(result.getString("step")).isEqualTo("mailbox");
    assertThat(result.getString("phase")).isNotEqualTo("queued");
  }
}
