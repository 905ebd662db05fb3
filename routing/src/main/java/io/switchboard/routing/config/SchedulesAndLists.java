package io.switchboard.routing.config;

import io.switchboard.routing.calendar.TimeRange;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shared {@code schedule} and {@code list} documents (docs/routing.md, "Configuration"): opening hours and
 * black / white / VIP number lists kept once and named by flows, so an admin edits the holidays or the black list in
 * one place. A flow's {@code hours} step may say {@code "schedule": "office"} instead of its own zone, week and
 * holidays; a {@code block-list} or {@code vip-list} step may say {@code "list": "blocked"} (its own numbers, if any,
 * are kept too). {@link #expand} writes the named document's content into the step before the flow is built, so the
 * flow runner never knows the difference.
 */
final class SchedulesAndLists {

  static final Set<String> SCHEDULE_FIELDS = Set.of("_id", "id", "name", "zone", "week", "holidays");
  static final Set<String> LIST_FIELDS = Set.of("_id", "id", "name", "type", "numbers");
  static final List<String> LIST_TYPES = List.of("block", "white", "vip");
  /** ITU-T E.164: a '+', a non-zero country code digit, at most 15 digits in all. */
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final int MAX_NUMBERS = 100_000;

  /** Valid schedules as an hours step's fields ({@code zone}, {@code week}, {@code holidays} as dates). */
  final Map<String, Map<String, Object>> schedules = new LinkedHashMap<>();
  /** Valid lists: their type and numbers. */
  final Map<String, String> listTypes = new LinkedHashMap<>();
  final Map<String, List<String>> listNumbers = new LinkedHashMap<>();

  SchedulesAndLists(Map<String, Fields> scheduleDocs, Map<String, Fields> listDocs, List<String> problems) {
    scheduleDocs.forEach((id, f) -> {
      int before = problems.size();
      Map<String, Object> hours = schedule(f);
      if (problems.size() == before) {
        schedules.put(id, hours);
      }
    });
    listDocs.forEach((id, f) -> {
      int before = problems.size();
      f.onlyKnown(LIST_FIELDS);
      f.str("name", id);
      String type = f.str("type", null);
      if (type == null) {
        f.problem("type: required: block, white or vip");
      } else if (!LIST_TYPES.contains(type)) {
        f.problem("type: expected block, white or vip, got '" + type + "'");
      }
      List<String> numbers = numbers(f);
      if (problems.size() == before) {
        listTypes.put(id, type);
        listNumbers.put(id, numbers);
      }
    });
  }

  private static Map<String, Object> schedule(Fields f) {
    f.onlyKnown(SCHEDULE_FIELDS);
    f.str("name", null);
    Map<String, Object> hours = new LinkedHashMap<>();
    String zone = f.str("zone", null);
    if (zone == null) {
      f.problem("zone: required, an IANA time zone such as Europe/Kyiv");
    } else {
      try {
        ZoneId.of(zone);
        hours.put("zone", zone);
      } catch (DateTimeException e) {
        f.problem("zone: unknown time zone '" + zone + "'");
      }
    }
    Map<?, ?> week = f.object("week");
    Map<String, Object> days = new LinkedHashMap<>();
    if (week != null) {
      week.forEach((day, value) -> {
        String key = String.valueOf(day).toLowerCase(Locale.ROOT);
        String[] ends = key.split("-");
        if (ends.length > 2 || !DAYS.contains(ends[0]) || ends.length == 2 && (!DAYS.contains(ends[1])
            || DAYS.indexOf(ends[1]) < DAYS.indexOf(ends[0]))) {
          f.problem("week." + day + ": expected a day (mon..sun) or a range like mon-fri");
          return;
        }
        List<?> ranges = value instanceof List<?> l ? l : List.of(value);
        for (int i = 0; i < ranges.size(); i++) {
          Object r = ranges.get(i);
          String where = "week." + day + (value instanceof List<?> ? "[" + i + "]" : "");
          if (!(r instanceof String text)) {
            f.problem(where + ": expected \"HH:MM-HH:MM\", got " + Fields.describe(r));
            continue;
          }
          try {
            TimeRange.parse(text);
          } catch (IllegalArgumentException e) {
            f.problem(where + ": " + e.getMessage());
          }
        }
        days.put(key, value);
      });
    }
    hours.put("week", days);
    List<String> holidays = new ArrayList<>();
    List<?> given = f.list("holidays");
    for (int i = 0; i < given.size(); i++) {
      Object h = given.get(i);
      // A holiday is a date, or {"date": ..., "name": ...} so the admin remembers why the day is closed.
      Object date = h instanceof Map<?, ?> m ? m.get("date") : h;
      if (h instanceof Map<?, ?> m) {
        for (Object k : m.keySet()) {
          if (!"date".equals(k) && !"name".equals(k)) {
            f.problem("holidays[" + i + "]: unknown field '" + k + "' (known: date, name)");
          }
        }
      }
      try {
        holidays.add(LocalDate.parse(String.valueOf(date)).toString());
      } catch (DateTimeException e) {
        f.problem("holidays[" + i + "].date: " + Fields.describe(date) + " is not a date YYYY-MM-DD");
      }
    }
    hours.put("holidays", holidays);
    return hours;
  }

  private static List<String> numbers(Fields f) {
    List<?> given = f.list("numbers");
    if (given.size() > MAX_NUMBERS) {
      f.problem("numbers: at most " + MAX_NUMBERS + ", got " + given.size());
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      Object n = given.get(i);
      if (!(n instanceof String s) || !E164.matcher(s).matches()) {
        f.problem("numbers[" + i + "]: " + Fields.describe(n) + " is not an E.164 number (+ and 2 to 15 digits)");
      } else if (!out.add(s)) {
        f.problem("numbers[" + i + "]: '" + s + "' is listed twice");
      }
    }
    return List.copyOf(out);
  }

  /**
   * A copy of a flow document whose steps naming a schedule or a list carry its content. An unknown or unfit name is
   * a problem of the flow ({@code steps.hours.schedule: unknown schedule 'offce'}); names of documents refused for
   * their own problems are not reported again.
   */
  Map<String, Object> expand(Map<String, Object> flow, Fields f, Set<String> scheduleIds, Set<String> listIds) {
    if (!(flow.get("steps") instanceof Map<?, ?> steps)) {
      return flow;
    }
    Map<String, Object> out = new LinkedHashMap<>(flow);
    Map<String, Object> expanded = new LinkedHashMap<>();
    steps.forEach((name, raw) -> {
      if (!(raw instanceof Map<?, ?> step)) {
        expanded.put(String.valueOf(name), raw);
        return;
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      step.forEach((k, v) -> copy.put(String.valueOf(k), v));
      String where = "steps." + name;
      Object type = copy.get("type");
      if (copy.containsKey("schedule") && "hours".equals(type)) {
        Object id = copy.remove("schedule");
        if (copy.containsKey("zone") || copy.containsKey("week") || copy.containsKey("holidays")) {
          f.problem(where + ".schedule: a step names a schedule or has its own zone, week and holidays, not both");
        } else if (schedules.containsKey(String.valueOf(id))) {
          copy.putAll(schedules.get(String.valueOf(id)));
        } else {
          if (!scheduleIds.contains(String.valueOf(id))) {
            f.problem(where + ".schedule: unknown schedule " + Fields.describe(id));
          }
          // The flow is refused anyway; a stand-in keeps the hours step from repeating the problem as a missing zone.
          copy.put("zone", "UTC");
          copy.put("week", Map.of());
        }
      }
      if (copy.containsKey("list") && ("block-list".equals(type) || "vip-list".equals(type))) {
        Object id = copy.remove("list");
        String listType = listTypes.get(String.valueOf(id));
        if (listType != null) {
          boolean fits = "block-list".equals(type) ? "block".equals(listType) : !"block".equals(listType);
          if (!fits) {
            f.problem(where + ".list: '" + id + "' is a " + listType + " list; a " + type + " step needs "
                + ("block-list".equals(type) ? "a block list" : "a white or VIP list"));
          }
          Set<String> numbers = new LinkedHashSet<>();
          if (copy.get("numbers") instanceof List<?> own) {
            own.forEach(n -> numbers.add(String.valueOf(n)));
          }
          numbers.addAll(listNumbers.get(String.valueOf(id)));
          copy.put("numbers", new ArrayList<>(numbers));
        } else if (!listIds.contains(String.valueOf(id))) {
          f.problem(where + ".list: unknown list " + Fields.describe(id));
        }
      }
      expanded.put(String.valueOf(name), copy);
    });
    out.put("steps", expanded);
    return out;
  }
}
