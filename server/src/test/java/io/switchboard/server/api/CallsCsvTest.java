package io.switchboard.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/calls.csv}: what Excel needs (BOM, quoting), formula injection, and the same role scoping. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallsCsvTest {

  Path dataDir;

  HistoryFixture fixture;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    dataDir = dir;
    fixture = HistoryFixture.start(vertx, dataDir);
  }

  @AfterAll
  void stop() throws Exception {
    fixture.stop();
  }

  @Test
  void export_isUtf8WithBom_semicolonSeparated_asAnAttachment() throws Exception {
    HttpResponse<Buffer> response = fixture.get("/api/calls.csv", "sam");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/csv; charset=utf-8");
    assertThat(response.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"calls.csv\"");
    byte[] bytes = response.body().getBytes();
    assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text.substring(1)).startsWith("id;arrivedAt (UTC);answeredAt (UTC);endedAt (UTC);from;to;")
        .contains("\r\n");
    assertThat(text.substring(1).lines().count()).isEqualTo(7);
  }

  @Test
  void cyrillicName_andAValueWithTheSeparator_roundTrip() throws Exception {
    Map<String, CSVRecord> rows = rows("/api/calls.csv", "sam", ';');

    assertThat(rows.get("c-2").get("agent")).isEqualTo(HistoryFixture.BOB_NAME);
    assertThat(rows.get("c-2").get("queue")).isEqualTo("Sales; EU");
    assertThat(rows.get("c-1").get("arrivedAt (UTC)")).isEqualTo("2026-03-01 08:00:00");
    assertThat(rows.get("c-1").get("talkSeconds")).isEqualTo("42");
    assertThat(rows.get("c-1").get("recordingSeconds")).isEqualTo("42");
    assertThat(rows.get("c-3").get("agent")).isEmpty();
  }

  @Test
  void formulaInCallerNumber_isNeutralised_butPhoneNumbersStartWithPlus() throws Exception {
    Map<String, CSVRecord> rows = rows("/api/calls.csv", "sam", ';');

    assertThat(rows.get("c-3").get("from")).isEqualTo("'" + HistoryFixture.INJECTION);
    assertThat(rows.get("c-1").get("from")).isEqualTo("+4930111111");
    assertThat(rows.get("c-1").get("to")).isEqualTo("+4930555000");
    for (CSVRecord row : rows.values()) {
      for (String cell : row.values()) {
        assertThat(cell).as("row %s", row.get("id")).doesNotStartWith("=").doesNotStartWith("@")
            .doesNotStartWith("-").doesNotStartWith("\t");
        if (cell.startsWith("+")) {
          assertThat(cell).matches("\\+[0-9]+");
        }
      }
    }
  }

  @Test
  void commaSeparator_andFilters_andAgentScoping() throws Exception {
    assertThat(rows("/api/calls.csv?separator=comma", "sam", ',')).hasSize(6);
    assertThat(rows("/api/calls.csv?queue=sales", "sam", ';').keySet()).containsExactly("c-2");
    assertThat(rows("/api/calls.csv", "alice", ';').keySet()).containsExactlyInAnyOrder("c-1", "c-4", "c-5", "c-6");
    assertThat(fixture.get("/api/calls.csv?agent=a-bob", "alice").statusCode()).isEqualTo(403);
  }

  private Map<String, CSVRecord> rows(String uri, String username, char separator) throws Exception {
    HttpResponse<Buffer> response = fixture.get(uri, username);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    String text = response.bodyAsString(StandardCharsets.UTF_8.name());
    assertThat(text).startsWith("\uFEFF");
    List<CSVRecord> records = CSVFormat.RFC4180.builder().setDelimiter(separator).setHeader()
        .setSkipHeaderRecord(true).get().parse(new StringReader(text.substring(1))).getRecords();
    return records.stream().collect(Collectors.toMap(r -> r.get("id"), Function.identity(),
        (a, b) -> a, java.util.LinkedHashMap::new));
  }
}
