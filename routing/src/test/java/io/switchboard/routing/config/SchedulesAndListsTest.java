package io.switchboard.routing.config;

import static io.switchboard.routing.config.ConfigDocuments.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.routing.flow.step.BlockList;
import io.switchboard.routing.flow.step.Hours;
import io.switchboard.routing.flow.step.VipList;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulesAndListsTest {

  private static ConfigDocuments withShared() {
    ConfigDocuments d = ConfigDocuments.valid();
    d.add("schedule", doc("_id", "office", "name", "Office", "zone", "Europe/Kyiv",
        "week", doc("mon", List.of("09:00-13:00", "14:00-18:00"), "sat-sun", "10:00-12:00"),
        "holidays", List.of("2026-01-07", doc("date", "2026-12-25", "name", "Christmas"))));
    d.add("list", doc("_id", "blocked", "name", "Pranksters", "type", "block", "numbers", List.of("+380990000666")));
    d.add("list", doc("_id", "vips", "type", "vip", "numbers", List.of("+380500000777")));
    d.add("flow", doc("_id", "shared", "entry", "hours", "steps", doc(
        "hours", doc("type", "hours", "schedule", "office", "open", "block", "closed", "vm"),
        "block", doc("type", "block-list", "list", "blocked", "numbers", List.of("+380990000111"), "next", "vip"),
        "vip", doc("type", "vip-list", "list", "vips", "next", "q"),
        "q", doc("type", "queue", "queue", "support"),
        "vm", doc("type", "voicemail", "mailbox", "general"))));
    return d;
  }

  @Test
  void flowStepsNamingAScheduleOrAList_getItsContent() {
    RoutingConfiguration c = withShared().build();

    Hours hours = (Hours) c.flows().get("shared").steps().get("hours");
    assertThat(hours.hours().zone()).isEqualTo(ZoneId.of("Europe/Kyiv"));
    assertThat(hours.hours().holidays()).containsExactly(LocalDate.parse("2026-01-07"), LocalDate.parse("2026-12-25"));
    assertThat(hours.hours().week()).hasSize(3);
    BlockList block = (BlockList) c.flows().get("shared").steps().get("block");
    assertThat(block.numbers()).containsExactlyInAnyOrder("+380990000111", "+380990000666");
    assertThat(((VipList) c.flows().get("shared").steps().get("vip")).numbers()).containsExactly("+380500000777");
  }

  @Test
  void badSchedulesListsAndReferences_areEveryOneReportedWithTheirPlace() {
    ConfigDocuments d = withShared();
    d.get("schedule", "office").put("zone", "Mars/Olympus");
    d.get("schedule", "office").put("holidays", List.of("2026-13-01"));
    d.get("schedule", "office").put("week", doc("mon", "9-18", "someday", "10:00-11:00"));
    d.get("list", "vips").put("numbers", List.of("+380500000777", "0800"));
    d.get("list", "blocked").put("type", "grey");
    d.add("flow", doc("_id", "typos", "entry", "h", "steps", doc(
        "h", doc("type", "hours", "schedule", "offce", "open", "b", "closed", "q"),
        "b", doc("type", "block-list", "list", "vipz", "next", "q"),
        "q", doc("type", "queue", "queue", "support"))));

    assertThatThrownBy(() -> d.build()).isInstanceOfSatisfying(ConfigRejection.class, e -> {
      assertThat(e.problems()).contains(
            "schedule office: zone: unknown time zone 'Mars/Olympus'",
            "schedule office: week.mon: expected HH:MM-HH:MM, got '9-18'",
            "schedule office: week.someday: expected a day (mon..sun) or a range like mon-fri",
            "schedule office: holidays[0].date: '2026-13-01' is not a date YYYY-MM-DD",
            "list vips: numbers[1]: '0800' is not an E.164 number (+ and 2 to 15 digits)",
            "list blocked: type: expected block, white or vip, got 'grey'",
            "flow typos: steps.h.schedule: unknown schedule 'offce'",
            "flow typos: steps.b.list: unknown list 'vipz'");
      // A flow naming a schedule refused for its own problems is not reported again.
      assertThat(e.problems()).noneMatch(p -> p.startsWith("flow shared"));
    });
  }

  @Test
  void aBlockListStepNamingAVipList_isRefused() {
    ConfigDocuments d = withShared();
    d.add("list", doc("_id", "friends", "type", "white", "numbers", List.of("+380500000001")));
    d.add("flow", doc("_id", "wrong", "entry", "b", "steps", doc(
        "b", doc("type", "block-list", "list", "friends", "next", "q"),
        "q", doc("type", "queue", "queue", "support"))));

    assertThatThrownBy(() -> d.build()).isInstanceOfSatisfying(ConfigRejection.class, e ->
        assertThat(e.problems()).containsExactly(
            "flow wrong: steps.b.list: 'friends' is a white list; a block-list step needs a block list"));
  }
}
