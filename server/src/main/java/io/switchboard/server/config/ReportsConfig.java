package io.switchboard.server.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the reports cut and judge the call history.
 *
 * @param zone                the hotline's time zone: days, weeks and hours of the reports are its own
 * @param serviceLevelSeconds the default service level threshold (answered within this many seconds)
 * @param fcrWindow           a call marked resolved is a first-contact resolution only if the same number does not
 *                            call again within this window
 */
public record ReportsConfig(ZoneId zone, int serviceLevelSeconds, Duration fcrWindow) {

  public ReportsConfig {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(fcrWindow, "fcrWindow");
    if (serviceLevelSeconds < 1 || serviceLevelSeconds > 3600) {
      throw new IllegalArgumentException("reports.service-level-seconds must be 1..3600");
    }
    if (fcrWindow.isNegative() || fcrWindow.isZero() || fcrWindow.compareTo(Duration.ofDays(90)) > 0) {
      throw new IllegalArgumentException("reports.fcr-window-days must be 1..90");
    }
  }

  /** UTC, 20 s, 7 days: what tests get unless they say otherwise. */
  public static ReportsConfig defaults() {
    return new ReportsConfig(ZoneId.of("UTC"), 20, Duration.ofDays(7));
  }
}
