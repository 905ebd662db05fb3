package io.switchboard.server.api;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code POST /api/lists/import} (admins): a CSV file of phone numbers, as a spreadsheet exports it, read with Commons
 * CSV (RFC 4180 quoting; comma, semicolon or tab separated), each number normalised to E.164 with libphonenumber.
 * Nothing is stored: the admin console adds the numbers to the list in its draft and the admin saves it with the
 * diff like any other change. Per row the first cell with a digit is the number; a header row (no digit) is skipped.
 * {@code region} (ISO 3166-1 alpha-2, e.g. {@code UA}) reads national numbers ({@code 050 000 07 77}); without it
 * only international ones ({@code +380...}) are taken. Answer: {@code {numbers, rejected: [{line, value, reason}],
 * rows}}.
 */
public final class NumberListImport {

  static final String PATH = "/api/lists/import";
  /** A hotline's black list of a few tens of thousands of numbers fits. */
  static final int MAX_BYTES = 1024 * 1024;
  private static final int MAX_REJECTED = 200;
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private final ApiAuth auth;

  private NumberListImport(Authenticator authenticator) {
    this.auth = new ApiAuth(Objects.requireNonNull(authenticator, "authenticator"));
  }

  public static NumberListImport create(Authenticator authenticator) {
    return new NumberListImport(authenticator);
  }

  public void mount(Router router) {
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BYTES))
        .handler(ctx -> ApiAction.answer(ctx, auth, ApiAuth.ADMIN_ONLY, caller -> read(ctx)));
  }

  private static Future<JsonObject> read(RoutingContext ctx) {
    for (String name : ctx.queryParams().names()) {
      if (!"region".equals(name)) {
        throw ApiProblem.badRequest("unknown parameter " + CallFilter.quoted(name) + " (known: region)");
      }
    }
    String region = CallFilter.single(ctx.queryParams(), "region");
    if (region != null) {
      region = region.toUpperCase(Locale.ROOT);
      if (!PHONES.getSupportedRegions().contains(region)) {
        throw ApiProblem.badRequest("region must be a country code such as UA or DE, was " + CallFilter.quoted(region));
      }
    }
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw ApiProblem.badRequest("the body must be a CSV file with one phone number per row");
    }
    return Future.succeededFuture(parse(text, region));
  }

  static JsonObject parse(String text, String region) {
    Set<String> numbers = new LinkedHashSet<>();
    JsonArray rejected = new JsonArray();
    int rows = 0;
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format(text))) {
      for (CSVRecord record : parser) {
        String cell = null;
        for (String value : record) {
          if (value.chars().anyMatch(Character::isDigit)) {
            cell = value.strip();
            break;
          }
        }
        if (cell == null) {
          continue; // a header or an empty row
        }
        rows++;
        String reason = null;
        try {
          PhoneNumber number = PHONES.parse(cell, region);
          if (PHONES.isPossibleNumber(number)) {
            numbers.add(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
          } else {
            reason = "not a possible phone number";
          }
        } catch (NumberParseException e) {
          reason = region == null && !cell.startsWith("+") ? "not international (+ and country code); choose the"
              + " country of national numbers" : "not a phone number";
        }
        if (reason != null && rejected.size() < MAX_REJECTED) {
          rejected.add(new JsonObject().put("line", record.getRecordNumber()).put("value", cell)
              .put("reason", reason));
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw ApiProblem.badRequest("the CSV file could not be read: " + e.getMessage());
    }
    return new JsonObject().put("numbers", new JsonArray(numbers.stream().toList())).put("rejected", rejected)
        .put("rows", rows);
  }

  /** The delimiter a spreadsheet used: the most frequent of , ; and tab in the first line. */
  private static CSVFormat format(String text) {
    String first = text.lines().findFirst().orElse("");
    char delimiter = ',';
    long best = first.chars().filter(c -> c == ',').count();
    for (char c : new char[] {';', '\t'}) {
      long n = first.chars().filter(x -> x == c).count();
      if (n > best) {
        best = n;
        delimiter = c;
      }
    }
    return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).setTrim(true).get();
  }
}
