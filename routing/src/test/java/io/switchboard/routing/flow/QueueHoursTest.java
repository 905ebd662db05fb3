package io.switchboard.routing.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueHoursTest {

  /** Support is open Mon-Fri 09-18 Berlin (reached through a menu); sales has no hours step before it. */
  private static final Flow HOTLINE = FlowFactory.create(Map.of("id", "hotline", "entry", "hours", "steps", Map.of(
      "hours", Map.of("type", "hours", "zone", "Europe/Berlin", "week", Map.of("mon-fri", "09:00-18:00"),
          "open", "menu", "closed", "after"),
      "menu", Map.of("type", "menu", "prompt", "main-menu", "options", Map.of("1", "support"), "default", "support"),
      "support", Map.of("type", "queue", "queue", "support"),
      "after", Map.of("type", "voicemail", "mailbox", "general"))));
  private static final Flow SALES = FlowFactory.create(Map.of("id", "sales-line", "entry", "q", "steps", Map.of(
      "q", Map.of("type", "queue", "queue", "sales"))));

  @Test
  void aQueueBehindAnHoursStep_isOpenOnlyWhenThoseHoursAre() {
    QueueHours support = QueueHours.of(List.of(HOTLINE, SALES), "support");

    assertThat(support.guarded()).isTrue();
    assertThat(support.open(Instant.parse("2026-12-07T10:00:00Z"))).as("Monday 11:00 Berlin").isTrue();
    assertThat(support.open(Instant.parse("2026-12-07T18:30:00Z"))).as("Monday 19:30 Berlin").isFalse();
    assertThat(support.open(Instant.parse("2026-12-06T10:00:00Z"))).as("Sunday").isFalse();
  }

  @Test
  void aQueueNoHoursStepGuards_isAlwaysOpen() {
    QueueHours sales = QueueHours.of(List.of(HOTLINE, SALES), "sales");

    assertThat(sales.guarded()).isFalse();
    assertThat(sales.open(Instant.parse("2026-12-06T03:00:00Z"))).isTrue();
  }
}
