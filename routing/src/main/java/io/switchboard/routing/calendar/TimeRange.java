package io.switchboard.routing.calendar;

import java.time.LocalTime;
import java.util.Objects;

/** An opening interval inside one day, start inclusive, end exclusive. Night shifts are two ranges on two days. */
public record TimeRange(LocalTime start, LocalTime end) {

  public TimeRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("range " + start + "-" + end + " must end after it starts"
          + " (split a range across midnight into two days)");
    }
  }

  /** Parses {@code "09:00-18:00"}. */
  public static TimeRange parse(String text) {
    String[] parts = text.trim().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected HH:MM-HH:MM, got '" + text + "'");
    }
    try {
      return new TimeRange(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("expected HH:MM-HH:MM, got '" + text + "'");
    }
  }

  public boolean contains(LocalTime t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
