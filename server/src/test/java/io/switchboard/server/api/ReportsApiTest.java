package io.switchboard.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports and the planner through the real server, on {@link HistoryFixture}'s six March calls: five to support
 * (four answered 3 s after queueing, one abandoned after 45 s) and one to sales. Server time zone: the JVM's, which
 * the build runs in UTC, and every call is at a whole hour far from midnight, so the day is the same in any zone
 * within ±7 h.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsApiTest {

  private static final String WEEK = "from=2026-03-01&to=2026-03-07";

  HistoryFixture fixture;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    fixture = HistoryFixture.start(vertx, dir);
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  @Test
  void callsByQueue_forTheWeek() throws Exception {
    HttpResponse<Buffer> response = fixture.get("/api/reports/calls?" + WEEK + "&by=queue&granularity=total", "sam");
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    Map<String, JsonObject> rows = byGroup(response.bodyAsJsonObject().getJsonArray("rows"));

    JsonObject support = rows.get("support");
    assertThat(support.getString("name")).isEqualTo("Support");
    assertThat(support.getLong("offered")).isEqualTo(5);
    assertThat(support.getLong("answered")).isEqualTo(4);
    assertThat(support.getLong("abandoned")).isEqualTo(1);
    assertThat(support.getLong("abandonedShort")).isZero();
    // Asterisk's definition counts the abandon after 45 s against the level: 4 / (4 + 1).
    assertThat(support.getDouble("serviceLevel")).isCloseTo(80.0, within(1e-9));
    assertThat(support.getDouble("serviceLevelAnswered")).isCloseTo(100.0, within(1e-9));
    assertThat(support.getDouble("asaSeconds")).isCloseTo(3.0, within(1e-9));
    assertThat(support.getDouble("ahtSeconds")).isCloseTo(42.0, within(1e-9)); // answer +3 s to end +45 s
    assertThat(support.getDouble("longestWaitSeconds")).isCloseTo(45.0, within(1e-9));
    assertThat(support.getLong("callbacksBooked")).isZero();
    assertThat(rows.get("sales").getLong("answered")).isEqualTo(1);
  }

  @Test
  void oneQueueByDay_andAgentsByWeek() throws Exception {
    JsonArray days = fixture.get("/api/reports/calls?" + WEEK + "&queue=sales&by=total&granularity=day", "ada")
        .bodyAsJsonObject().getJsonArray("rows");
    assertThat(days.size()).isEqualTo(1);
    assertThat(days.getJsonObject(0).getString("period")).isEqualTo("2026-03-02");

    // ISO weeks: Sunday 1 March 2026 ends week 9; the other days are in week 10.
    Map<String, JsonObject> agents = fixture.get("/api/reports/calls?" + WEEK + "&by=agent&granularity=week",
        "sam").bodyAsJsonObject().getJsonArray("rows").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(r -> r.getString("group") + " " + r.getString("period"), r -> r));
    assertThat(agents.get("a-alice 2026-W09").getLong("answered")).isEqualTo(1);
    assertThat(agents.get("a-alice 2026-W10").getLong("answered")).isEqualTo(3);
    assertThat(agents.get("a-bob 2026-W10").getString("name")).isEqualTo(HistoryFixture.BOB_NAME);
    assertThat(agents.get("null 2026-W10").getLong("abandoned")).isEqualTo(1);
  }

  @Test
  void onlySupervisorsAndAdmins_andBadInputIsNamed() throws Exception {
    assertThat(fixture.get("/api/reports/calls?" + WEEK, "alice").statusCode()).isEqualTo(403);
    assertThat(fixture.get("/api/planner?callsPerHour=10", "alice").statusCode()).isEqualTo(403);
    assertThat(fixture.anonymous("/api/reports/fcr?" + WEEK).statusCode()).isEqualTo(401);
    assertBad("/api/reports/calls?from=2026-03-01", "from and to are required");
    assertBad("/api/reports/calls?" + WEEK + "&by=planet", "by must be one of");
    assertBad("/api/reports/calls?" + WEEK + "&by=line", "by must be one of");
    assertBad("/api/reports/calls?from=2026-03-07&to=2026-03-01", "is before from");
    assertBad("/api/reports/calls?from=2024-01-01&to=2026-03-01", "at most 366 days");
    assertBad("/api/reports/calls?" + WEEK + "&colour=red", "unknown parameter");
    assertBad("/api/planner?callsPerHour=-5", "callsPerHour must be a number");
    assertBad("/api/planner?callsPerHour=5&targetSl=120", "targetSl must be a number");
  }

  @Test
  void csv_hasABom_theColumns_andADecimalComma() throws Exception {
    HttpResponse<Buffer> response = fixture.get("/api/reports/calls.csv?" + WEEK + "&by=queue&granularity=total",
        "sam");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Disposition")).contains("calls-report.csv");
    byte[] bytes = response.body().getBytes();
    assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    List<String> lines = new String(bytes, StandardCharsets.UTF_8).substring(1).lines().toList();
    assertThat(lines.get(0)).isEqualTo(String.join(";", ReportsCsv.COLUMNS));
    assertThat(lines).hasSize(3);
    String support = lines.stream().filter(l -> l.startsWith("support;")).findFirst().orElseThrow();
    assertThat(support.split(";", -1)[ReportsCsv.COLUMNS.indexOf("serviceLevel")]).isEqualTo("80,0");

    String comma = new String(fixture.get("/api/reports/calls.csv?" + WEEK + "&by=queue&granularity=total"
        + "&separator=comma", "sam").body().getBytes(), StandardCharsets.UTF_8);
    assertThat(comma).contains("support,Support,,5,5,4,1,0,80.0,100.0");
  }

  @Test
  void fcr_byLine_showsTheTarget_andTheRepeat() throws Exception {
    JsonObject fcr = fixture.get("/api/reports/fcr?" + WEEK + "&granularity=total", "sam").bodyAsJsonObject();
    assertThat(fcr.getInteger("targetPercent")).isEqualTo(85);
    Map<String, JsonObject> rows = byGroup(fcr.getJsonArray("rows"));
    assertThat(rows).containsKeys("L1", "L1+L2");
    assertThat(rows.get("L1").getLong("contacts")).isEqualTo(5); // the five answered calls
    assertThat(rows.get("L1").getLong("repeated")).isEqualTo(1); // +4930111111 again four days later

    JsonArray repeats = fixture.get("/api/reports/repeats?" + WEEK, "sam").bodyAsJsonObject().getJsonArray("items");
    assertThat(repeats.size()).isEqualTo(1);
    assertThat(repeats.getJsonObject(0).getString("callId")).isEqualTo("c-1");
    assertThat(repeats.getJsonObject(0).getString("nextCallId")).isEqualTo("c-5");
    assertThat(fixture.get("/api/reports/repeats?" + WEEK + "&windowDays=3", "sam").bodyAsJsonObject()
        .getJsonArray("items").size()).isZero();
  }

  @Test
  void planner_typedIn_isTheTextbookCase() throws Exception {
    JsonObject plan = fixture.get("/api/planner?callsPerHour=100&ahtSeconds=180", "sam").bodyAsJsonObject();
    JsonObject hour = plan.getJsonArray("hours").getJsonObject(0);
    assertThat(hour.getInteger("agents")).isEqualTo(8);
    assertThat(hour.getDouble("serviceLevel")).isCloseTo(88.01, within(0.005));
    assertThat(hour.getInteger("lines")).isEqualTo(12);
  }

  @Test
  void planner_measured_averagesEachHourOverTheDays() throws Exception {
    JsonObject plan = fixture.get("/api/planner?" + WEEK, "sam").bodyAsJsonObject();
    assertThat(plan.getLong("days")).isEqualTo(7);
    JsonArray hours = plan.getJsonArray("hours");
    assertThat(hours.size()).isEqualTo(24);
    long offered = 0;
    for (int h = 0; h < 24; h++) {
      JsonObject hour = hours.getJsonObject(h);
      offered += hour.getLong("offered");
      assertThat(hour.getDouble("callsPerHour")).isCloseTo(hour.getLong("offered") / 7.0, within(1e-9));
    }
    assertThat(offered).isEqualTo(6);
    assertThat(plan.getJsonObject("peak").getInteger("agents")).isEqualTo(1);
  }

  private void assertBad(String uri, String message) throws Exception {
    HttpResponse<Buffer> response = fixture.get(uri, "sam");
    assertThat(response.statusCode()).as(uri).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).as(uri).contains(message);
  }

  private static Map<String, JsonObject> byGroup(JsonArray rows) {
    return rows.stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(r -> String.valueOf(r.getString("group")), r -> r));
  }
}
