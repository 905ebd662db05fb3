package io.switchboard.routing.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

  private final BusinessHours kyiv = new BusinessHours(ZoneId.of("Europe/Kyiv"),
      Map.of(DayOfWeek.MONDAY, List.of(TimeRange.parse("09:00-18:00")),
          DayOfWeek.SATURDAY, List.of(TimeRange.parse("10:00-14:00"))),
      Set.of(LocalDate.parse("2026-01-12")));

  @Test
  void wallClockInTheHotlinesZoneDecides() {
    // Monday 2026-01-05: Kyiv is UTC+2 in winter, so 07:00Z is 09:00 local (open) and 06:59Z is 08:59 (closed)
    assertThat(kyiv.status(Instant.parse("2026-01-05T07:00:00Z"))).isEqualTo(HoursStatus.OPEN);
    assertThat(kyiv.status(Instant.parse("2026-01-05T06:59:59Z"))).isEqualTo(HoursStatus.CLOSED);
    assertThat(kyiv.status(Instant.parse("2026-01-05T16:00:00Z"))).isEqualTo(HoursStatus.CLOSED); // 18:00 excl.
  }

  @Test
  void daylightSavingShiftsTheUtcOpening() {
    // Monday 2026-06-01: Kyiv is UTC+3 in summer, 06:00Z = 09:00 local
    assertThat(kyiv.status(Instant.parse("2026-06-01T06:00:00Z"))).isEqualTo(HoursStatus.OPEN);
    assertThat(kyiv.status(Instant.parse("2026-06-01T05:59:00Z"))).isEqualTo(HoursStatus.CLOSED);
  }

  @Test
  void holidayClosesAWorkingDay_dayWithoutHoursIsClosed() {
    assertThat(kyiv.status(Instant.parse("2026-01-12T10:00:00Z"))).isEqualTo(HoursStatus.HOLIDAY);
    assertThat(kyiv.status(Instant.parse("2026-01-06T10:00:00Z"))).isEqualTo(HoursStatus.CLOSED); // Tuesday
    assertThat(kyiv.explain(Instant.parse("2026-01-12T10:00:00Z"))).contains("holiday");
  }

  @Test
  void rangeAcrossMidnightIsRefused() {
    assertThatThrownBy(() -> TimeRange.parse("22:00-06:00")).hasMessageContaining("must end after it starts");
    assertThatThrownBy(() -> TimeRange.parse("nine to five")).hasMessageContaining("HH:MM-HH:MM");
  }
}
