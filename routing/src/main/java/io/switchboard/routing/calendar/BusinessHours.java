package io.switchboard.routing.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Weekly opening hours in one time zone plus holiday dates (in that zone). The zone's rules handle daylight saving:
 * "09:00" means 09:00 on the wall clock of the hotline, whatever the UTC offset that day.
 */
public record BusinessHours(ZoneId zone, Map<DayOfWeek, List<TimeRange>> week, Set<LocalDate> holidays) {

  public BusinessHours {
    Objects.requireNonNull(zone, "zone");
    EnumMap<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
    week.forEach((day, ranges) -> copy.put(day, List.copyOf(ranges)));
    week = Collections.unmodifiableMap(copy);
    holidays = Collections.unmodifiableSet(new TreeSet<>(holidays));
  }

  public HoursStatus status(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    if (holidays.contains(local.toLocalDate())) {
      return HoursStatus.HOLIDAY;
    }
    return week.getOrDefault(local.getDayOfWeek(), List.of()).stream()
        .anyMatch(r -> r.contains(local.toLocalTime())) ? HoursStatus.OPEN : HoursStatus.CLOSED;
  }

  /** A sentence for the call's explanation, e.g. "2026-01-05 08:30 MONDAY Europe/Kyiv: closed (hours 09:00-18:00)". */
  public String explain(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    HoursStatus s = status(at);
    String hours = week.getOrDefault(local.getDayOfWeek(), List.of()).toString();
    return local.toLocalDate() + " " + local.toLocalTime().withNano(0) + " " + local.getDayOfWeek() + " " + zone
        + ": " + s.name().toLowerCase(java.util.Locale.ROOT)
        + (s == HoursStatus.HOLIDAY ? " (listed holiday)" : " (hours " + hours + ")");
  }
}
