package io.switchboard.server.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * {@code GET /api/reports/calls.csv}: the calls report's rows for a spreadsheet, made as {@link CallsCsv} makes the
 * history export (UTF-8 with a byte order mark, RFC 4180, {@code ;} unless {@code separator=comma}, cells that could
 * run as formulas quoted with {@code '}). Decimals follow the separator: a comma with {@code ;} (the locales whose
 * Excel splits on {@code ;} write 85,5), a point with {@code ,}. One decimal place, as the page shows them.
 */
final class ReportsCsv {

  /** The columns, in order: each is the figure of that name in the JSON report (docs/api.md). */
  static final List<String> COLUMNS = List.of("group", "name", "period", "calls", "offered", "answered",
      "abandoned", "abandonedShort", "serviceLevel", "serviceLevelAnswered", "abandonRate", "asaSeconds",
      "ahtSeconds", "talkSeconds", "holdSeconds", "wrapUpSeconds", "longestWaitSeconds", "callbacksBooked",
      "callbacksDialled", "callbacksReached", "voicemails", "csatCount", "csatAverage", "csat1", "csat2", "csat3",
      "csat4", "csat5", "transfers");
  private static final String BOM = "\uFEFF";

  private ReportsCsv() {
  }

  static Future<Void> send(RoutingContext ctx, List<JsonObject> rows, char separator) {
    char decimal = separator == ';' ? ',' : '.';
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separator).setRecordSeparator("\r\n")
        .setQuoteMode(QuoteMode.MINIMAL).get();
    StringBuilder out = new StringBuilder(BOM);
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      printer.printRecord(COLUMNS);
      for (JsonObject row : rows) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        for (String column : COLUMNS) {
          cells.add(cell(row.getValue(column), decimal));
        }
        printer.printRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ctx.response()
        .putHeader("Content-Type", "text/csv; charset=utf-8; header=present")
        .putHeader("Content-Disposition", "attachment; filename=\"calls-report.csv\"")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(Buffer.buffer(out.toString()));
  }

  private static String cell(Object value, char decimal) {
    if (value instanceof Double || value instanceof Float) {
      return String.format(Locale.ROOT, "%.1f", ((Number) value).doubleValue()).replace('.', decimal);
    }
    return CallsCsv.phone(value);
  }
}
