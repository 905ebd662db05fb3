package io.switchboard.server.api;

import io.switchboard.server.store.CallQuery;
import io.switchboard.server.store.Store;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * {@code GET /api/calls.csv}: the calls a search finds, for Excel (docs/api.md, "CSV export").
 *
 * <ul>
 *   <li>UTF-8 with a byte order mark, which is how Excel knows the file is UTF-8 (else Cyrillic names turn into
 *       mojibake). No {@code sep=} line: with one, Excel ignores the BOM.
 *   <li>RFC 4180 quoting and CRLF line ends (Apache Commons CSV); {@code ;} by default, which Excel reads as the
 *       separator in locales whose decimal mark is a comma (de, ru, uk), or {@code ,} with {@code separator=comma}.
 *   <li>Formula injection (OWASP "CSV Injection"): a cell that starts with {@code = + - @}, a tab or a CR gets a
 *       {@code '} in front, so a spreadsheet shows it as text and never runs it. The exception is a phone number
 *       column whose value is a well-formed E.164 number ({@code +} and digits only, checked here): it is written
 *       as it is, so it starts with {@code +}; a formula of nothing but digits cannot call a function or reach
 *       another cell, so the worst a spreadsheet can do is show it as a number.
 *   <li>Streamed a page at a time, each written before the next is read, so an export of any size takes little
 *       memory.
 * </ul>
 */
final class CallsCsv {

  static final int PAGE_SIZE = 500;
  static final Set<String> PARAMETERS = Set.of("separator");
  static final List<String> HEADER = List.of("id", "arrivedAt (UTC)", "answeredAt (UTC)", "endedAt (UTC)", "from",
      "to", "trunk", "queue", "agent", "agentUsername", "outcome", "hungUpBy", "talkSeconds", "recordingSeconds");

  private static final String BOM = "\uFEFF";
  private static final Pattern E164 = Pattern.compile("\\+[0-9]{1,15}");
  private static final DateTimeFormatter EXCEL_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Store store;

  CallsCsv(Store store) {
    this.store = store;
  }

  /** {@code ;} unless {@code separator=comma}. */
  static char separator(MultiMap params) {
    String value = CallFilter.single(params, "separator");
    if (value == null || value.equals("semicolon")) {
      return ';';
    }
    if (value.equals("comma")) {
      return ',';
    }
    throw ApiProblem.badRequest("separator must be semicolon or comma");
  }

  /**
   * Streams the export; the head is written only once the first page is read, so a failure before is a clean 500.
   *
   * @param masked whether calls marked {@code maskNumbers} show their customer's number masked (an agent asks)
   */
  Future<Void> export(RoutingContext ctx, CallQuery query, char separator, boolean masked) {
    CSVFormat format = CSVFormat.RFC4180.builder()
        .setDelimiter(separator)
        .setRecordSeparator("\r\n")
        .setQuoteMode(QuoteMode.MINIMAL)
        .get();
    return store.findCalls(query).compose(first -> {
      HttpServerResponse response = ctx.response();
      if (response.closed()) {
        return Future.succeededFuture();
      }
      response.setChunked(true)
          .putHeader("Content-Type", "text/csv; charset=utf-8; header=present")
          .putHeader("Content-Disposition", "attachment; filename=\"calls.csv\"")
          .putHeader("Cache-Control", "no-store")
          .putHeader("X-Content-Type-Options", "nosniff");
      return response.write(Buffer.buffer(BOM + rows(format, List.of(HEADER))))
          .compose(v -> writePages(response, query, first, format, masked))
          .compose(v -> response.end());
    });
  }

  private Future<Void> writePages(HttpServerResponse response, CallQuery query, List<JsonObject> page,
      CSVFormat format, boolean masked) {
    if (page.isEmpty()) {
      return Future.succeededFuture();
    }
    List<List<String>> rows = new ArrayList<>(page.size());
    page.forEach(call -> rows.add(row(masked ? NumberMask.record(call) : call)));
    Future<Void> written = response.write(Buffer.buffer(rows(format, rows)));
    if (page.size() < query.limit()) {
      return written;
    }
    JsonObject last = page.get(page.size() - 1);
    CallQuery next = query.after(CallsApi.instant(last.getValue("arrivedAt")), last.getString("_id"));
    return written.compose(v -> response.closed() ? Future.succeededFuture()
        : store.findCalls(next).compose(more -> writePages(response, next, more, format, masked)));
  }

  private static List<String> row(JsonObject call) {
    JsonObject queue = objectOrEmpty(call, "queue");
    JsonObject agent = objectOrEmpty(call, "agent");
    JsonObject recording = call.getJsonObject("recording");
    List<String> row = new ArrayList<>(HEADER.size());
    row.add(text(call.getString("_id")));
    row.add(date(call.getValue("arrivedAt")));
    row.add(date(call.getValue("answeredAt")));
    row.add(date(call.getValue("endedAt")));
    row.add(phone(call.getValue("from")));
    row.add(phone(call.getValue("to")));
    row.add(text(call.getValue("trunk")));
    row.add(text(queue.getValue("name")));
    row.add(text(agent.getValue("name")));
    row.add(text(agent.getValue("username")));
    row.add(text(call.getValue("outcome")));
    row.add(text(call.getValue("hungUpBy")));
    row.add(text(call.getValue("talkSeconds")));
    row.add(recording == null || !(recording.getValue("durationMillis") instanceof Number millis) ? ""
        : Long.toString(Math.round(millis.doubleValue() / 1000)));
    return row;
  }

  /** A stored null (no agent answered) reads as an empty object. */
  private static JsonObject objectOrEmpty(JsonObject call, String field) {
    return call.getValue(field) instanceof JsonObject object ? object : new JsonObject();
  }

  private static String rows(CSVFormat format, List<List<String>> rows) {
    StringBuilder out = new StringBuilder(rows.size() * 128);
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      for (List<String> row : rows) {
        printer.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not fail
    }
    return out.toString();
  }

  private static String date(Object stored) {
    String iso = CallView.date(stored);
    return iso == null ? "" : EXCEL_DATE.format(CallsApi.instant(stored));
  }

  /** A phone number as stored: E.164 stays as it is (starting with {@code +}); anything else is text like any cell. */
  static String phone(Object value) {
    if (value instanceof String s && E164.matcher(s).matches()) {
      return s;
    }
    return text(value);
  }

  /** Any value as a cell that a spreadsheet will not run as a formula. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      return "'" + s;
    }
    return s;
  }
}
