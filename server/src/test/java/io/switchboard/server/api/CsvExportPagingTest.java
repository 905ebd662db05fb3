package io.switchboard.server.api;

import static io.switchboard.server.api.HistoryFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** An export larger than one store page is streamed whole, in order, each call once. */
@ExtendWith(VertxExtension.class)
class CsvExportPagingTest {

  @Test
  void exportOfMoreThanOnePage_hasEveryCallOnce_newestFirst(Vertx vertx, @TempDir Path dataDir) throws Exception {
    HistoryFixture fixture = HistoryFixture.start(vertx, dataDir);
    try {
      int count = CallsCsv.PAGE_SIZE + 20;
      Instant start = Instant.parse("2026-01-01T00:00:00Z");
      List<Future<Void>> saved = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        // Pairs share an arrival time, so the cursor's tie-break on the id is exercised too.
        saved.add(fixture.server.store().saveCall(HistoryFixture.call(String.format("bulk-%04d", i), "+4930700000",
            "+4930555000", "bulk", "Bulk", "a-alice", "answered", start.plusSeconds(i / 2).toString())));
      }
      await(Future.all(saved));

      HttpResponse<Buffer> response = fixture.get("/api/calls.csv?queue=bulk", "sam");

      assertThat(response.statusCode()).isEqualTo(200);
      List<String> ids = new String(response.body().getBytes(), StandardCharsets.UTF_8).lines().skip(1)
          .map(line -> line.substring(0, line.indexOf(';'))).toList();
      List<String> expected = new ArrayList<>();
      for (int i = count - 1; i >= 0; i--) {
        expected.add(String.format("bulk-%04d", i));
      }
      assertThat(ids).containsExactlyElementsOf(expected);
    } finally {
      fixture.stop();
    }
  }
}
