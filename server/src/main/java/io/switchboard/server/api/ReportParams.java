package io.switchboard.server.api;

import io.switchboard.server.config.ReportsConfig;
import io.switchboard.server.store.ReportQuery;
import io.switchboard.server.store.ReportQuery.Dimension;
import io.switchboard.server.store.ReportQuery.Granularity;
import io.vertx.core.MultiMap;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query string of the reports (docs/api.md, "Reports"): {@code from} and {@code to} are days in the hotline's
 * time zone, both included; {@code by} and {@code granularity} cut the rows; {@code queue}, {@code agent} and
 * {@code entry} filter. An unknown parameter, a repeated one or a bad value is a 400 that names it.
 */
final class ReportParams {

  /** A year and a day: more is a typing error, and a report of it would read a year of calls. */
  static final int MAX_DAYS = 366;
  static final Set<String> COMMON = Set.of("from", "to", "by", "granularity", "queue", "agent", "entry", "sl");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9*#]{1,32}");

  private ReportParams() {
  }

  /**
   * @param extra the endpoint's own parameters besides {@link #COMMON}
   * @param dimensions the values {@code by} may take here
   */
  static ReportQuery query(MultiMap params, ReportsConfig config, Set<String> extra, Set<Dimension> dimensions,
      Dimension defaultBy) {
    Set<String> known = new HashSet<>(COMMON);
    known.addAll(extra);
    for (String name : params.names()) {
      if (!known.contains(name)) {
        throw ApiProblem.badRequest("unknown parameter " + CallFilter.quoted(name) + " (known: "
            + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
    ZoneId zone = config.zone();
    LocalDate from = day(params, "from");
    LocalDate to = day(params, "to");
    if (from == null || to == null) {
      throw ApiProblem.badRequest("from and to are required: days as 2026-11-30, both included");
    }
    if (to.isBefore(from)) {
      throw ApiProblem.badRequest("to (" + to + ") is before from (" + from + ")");
    }
    if (from.plusDays(MAX_DAYS).isBefore(to.plusDays(1))) {
      throw ApiProblem.badRequest("a report covers at most " + MAX_DAYS + " days");
    }
    Dimension by = choice(params, "by", Dimension.class, defaultBy);
    if (!dimensions.contains(by)) {
      throw ApiProblem.badRequest("by must be one of " + names(dimensions));
    }
    Granularity granularity = choice(params, "granularity", Granularity.class, Granularity.DAY);
    return new ReportQuery(from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant(), zone,
        by, granularity, id(params, "queue"), id(params, "agent"), number(params, "entry"),
        integer(params, "sl", config.serviceLevelSeconds(), 1, 3600), 5);
  }

  static int integer(MultiMap params, String name, int otherwise, int min, int max) {
    String value = CallFilter.single(params, name);
    if (value == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiProblem.badRequest(name + " must be a whole number from " + min + " to " + max);
  }

  static double decimal(MultiMap params, String name, double otherwise, double min, double max) {
    String value = CallFilter.single(params, name);
    if (value == null) {
      return otherwise;
    }
    try {
      double n = Double.parseDouble(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiProblem.badRequest(name + " must be a number from " + min + " to " + max);
  }

  static String id(MultiMap params, String name) {
    String value = CallFilter.single(params, name);
    if (value != null && !ID.matcher(value).matches()) {
      throw ApiProblem.badRequest(name + ": " + CallFilter.quoted(value) + " is not an id");
    }
    return value;
  }

  private static String number(MultiMap params, String name) {
    String value = CallFilter.single(params, name);
    if (value == null) {
      return null;
    }
    String text = value.replace(' ', '+'); // an unencoded '+' arrives as a space
    if (!NUMBER.matcher(text).matches()) {
      throw ApiProblem.badRequest(name + ": " + CallFilter.quoted(value) + " is not a dialled number");
    }
    return text;
  }

  private static LocalDate day(MultiMap params, String name) {
    String value = CallFilter.single(params, name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(name + ": " + CallFilter.quoted(value) + " is not a day like 2026-11-30");
    }
  }

  private static <E extends Enum<E>> E choice(MultiMap params, String name, Class<E> type, E otherwise) {
    String value = CallFilter.single(params, name);
    if (value == null) {
      return otherwise;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(name + " must be one of " + names(Set.of(type.getEnumConstants())));
    }
  }

  private static String names(Set<? extends Enum<?>> values) {
    return String.join(", ", values.stream().map(v -> v.name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .sorted().toList());
  }
}
