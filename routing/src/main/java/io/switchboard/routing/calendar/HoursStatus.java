package io.switchboard.routing.calendar;

/** What the calendar says about an instant; the flow branches on it. */
public enum HoursStatus {
  OPEN,
  CLOSED,
  /** A listed holiday: closed all day whatever the weekly hours say. */
  HOLIDAY
}
