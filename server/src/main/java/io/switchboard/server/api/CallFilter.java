package io.switchboard.server.api;

import io.switchboard.server.store.CallQuery;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query string of {@code GET /api/calls} and {@code /api/calls.csv} (docs/api.md), checked strictly: an unknown
 * or repeated parameter, a malformed value or an unknown outcome is a 400 naming the parameter, so a typo never
 * widens a search silently.
 */
final class CallFilter {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  /** in_progress: a call still going (its record is written early, for crash safety); interrupted: cut by a crash. */
  static final List<String> OUTCOMES = List.of("answered", "abandoned", "missed", "rejected", "in_progress",
      "interrupted", "voicemail", "callback", "refused", "blocked");

  private static final Set<String> FILTERS = Set.of("from", "to", "queue", "agent", "number", "outcome");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
  /** E.164 as stored ({@code +} and up to 15 digits), or the digits of a number stored as received. */
  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9*#]{1,32}");
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  private CallFilter() {
  }

  /**
   * The query for one page of the list: filters plus {@code limit} and {@code cursor}.
   *
   * @throws ApiProblem 400 for a bad parameter
   */
  static CallQuery page(MultiMap params) {
    checkNames(params, Set.of("limit", "cursor"));
    CallQuery query = filters(params, limit(params));
    String cursor = single(params, "cursor");
    if (cursor == null) {
      return query;
    }
    Cursor at = Cursor.decode(cursor);
    return query.after(at.arrivedAt(), at.id());
  }

  /**
   * The query for an export: the filters and whatever {@code extra} parameters the caller reads itself.
   *
   * @throws ApiProblem 400 for a bad parameter
   */
  static CallQuery export(MultiMap params, Set<String> extra, int pageSize) {
    checkNames(params, extra);
    return filters(params, pageSize);
  }

  private static CallQuery filters(MultiMap params, int limit) {
    Instant from = instant(params, "from", false);
    Instant to = instant(params, "to", true);
    if (from != null && to != null && !from.isBefore(to)) {
      throw ApiProblem.badRequest("from must be before to");
    }
    String outcome = single(params, "outcome");
    if (outcome != null && !OUTCOMES.contains(outcome)) {
      throw ApiProblem.badRequest("outcome must be one of " + OUTCOMES);
    }
    return new CallQuery(from, to, id(params, "queue"), id(params, "agent"), number(params), outcome, null, null,
        limit);
  }

  private static void checkNames(MultiMap params, Set<String> extra) {
    for (String name : params.names()) {
      if (!FILTERS.contains(name) && !extra.contains(name)) {
        throw ApiProblem.badRequest("unknown parameter " + quoted(name));
      }
    }
  }

  static String single(MultiMap params, String name) {
    List<String> values = params.getAll(name);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw ApiProblem.badRequest(name + " must be given at most once");
    }
    String value = values.get(0);
    if (value.isEmpty()) {
      throw ApiProblem.badRequest(name + " must not be empty");
    }
    return value;
  }

  private static int limit(MultiMap params) {
    String value = single(params, "limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
    return limit;
  }

  /**
   * An ISO-8601 instant with an offset ({@code 2026-03-01T08:00:00Z}, {@code …+03:00}) or a date ({@code 2026-03-01},
   * a UTC day). {@code from} is inclusive, {@code to} exclusive, except that {@code to} as a date includes that day.
   */
  private static Instant instant(MultiMap params, String name, boolean endOfDay) {
    String value = single(params, name);
    if (value == null) {
      return null;
    }
    // A '+' in a query string means a space (HTML forms); take an unencoded offset for what it was meant to be.
    String text = value.replace(' ', '+');
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(name + " must be an ISO-8601 date (2026-03-01) or date-time with offset "
          + "(2026-03-01T08:00:00Z), was " + quoted(value));
    }
  }

  private static String id(MultiMap params, String name) {
    String value = single(params, name);
    if (value != null && !ID.matcher(value).matches()) {
      throw ApiProblem.badRequest(name + " must be 1 to 64 of A-Z a-z 0-9 . _ : @ -");
    }
    return value;
  }

  private static String number(MultiMap params) {
    String value = single(params, "number");
    if (value == null) {
      return null;
    }
    // An unencoded '+' arrives as a space: "?number=+4930…" still means +4930….
    String number = value.startsWith(" ") ? "+" + value.substring(1) : value;
    if (!NUMBER.matcher(number).matches()) {
      throw ApiProblem.badRequest("number must be an E.164 number (+4930123456) or digits, was " + quoted(value));
    }
    return number;
  }

  static String quoted(String untrusted) {
    String cut = untrusted.length() > 64 ? untrusted.substring(0, 64) + "…" : untrusted;
    return '"' + cut.replaceAll("[\\p{Cntrl}\"\\\\]", "?") + '"';
  }

  /** Where a page ended: the last record's {@code arrivedAt} and id, opaque to clients (base64url). */
  record Cursor(Instant arrivedAt, String id) {

    String encode() {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString((arrivedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor) {
      try {
        if (!CURSOR.matcher(cursor).matches()) {
          throw new IllegalArgumentException();
        }
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int bar = text.indexOf('|');
        String id = text.substring(bar + 1);
        if (bar < 1 || id.isEmpty()) {
          throw new IllegalArgumentException();
        }
        return new Cursor(Instant.parse(text.substring(0, bar)), id);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw ApiProblem.badRequest("cursor is not one this server gave out");
      }
    }
  }
}
