package io.switchboard.server.store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Which calls a report covers and how it cuts them: calls that arrived in {@code [from, before)}, optionally of one
 * queue, agent or entry point, one row per {@code by} value and {@code granularity} period in the hotline's zone.
 *
 * @param slSeconds           the service level's answer time (Asterisk's {@code servicelevel}, 20 s by custom)
 * @param shortAbandonSeconds abandons within this wait are counted apart (callers who changed their mind)
 */
public record ReportQuery(Instant from, Instant before, ZoneId zone, Dimension by, Granularity granularity,
    String queueId, String agentId, String entry, int slSeconds, int shortAbandonSeconds) {

  /** What a row is about. */
  public enum Dimension {
    /** One row per period for everything the filters let through. */
    TOTAL(null),
    QUEUE("queue.id"),
    /** The agent who answered; calls nobody answered form the row without an agent. */
    AGENT("agent.id"),
    /** The dialled number the call came in on. */
    ENTRY("to"),
    /** First, second or third line: the queue's {@code line} (first-contact resolution only). */
    LINE(null);

    /** The call record's field that names the row, or null. */
    public final String field;

    Dimension(String field) {
      this.field = field;
    }
  }

  /** The period of a row, as MongoDB's {@code $dateToString} writes it in the hotline's zone. */
  public enum Granularity {
    TOTAL(null),
    DAY("%Y-%m-%d"),
    HOUR("%Y-%m-%d %H:00"),
    /** ISO 8601 week, Monday first: {@code 2026-W49}. */
    WEEK("%G-W%V"),
    /** Hour of the day over the whole range ({@code 00}–{@code 23}): the planner's hourly profile. */
    HOUR_OF_DAY("%H");

    /** The {@code $dateToString} format, or null for one period spanning the whole range. */
    public final String format;

    Granularity(String format) {
      this.format = format;
    }
  }

  public ReportQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(granularity, "granularity");
    if (!from.isBefore(before)) {
      throw new IllegalArgumentException("the range must end after it starts: " + from + " .. " + before);
    }
    if (slSeconds < 0 || shortAbandonSeconds < 0) {
      throw new IllegalArgumentException("thresholds must not be negative");
    }
  }
}
