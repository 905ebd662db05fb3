package io.switchboard.routing.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.config.ConfigurationFactory;
import io.switchboard.routing.config.RoutingConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DayReplayTest {

  /** Two queues behind a menu (1 = sales, 2 = support), four agents; {@code agents} limits who is configured. */
  static RoutingConfiguration hotline(List<String> agents, String salesStrategy) {
    Map<String, List<Map<String, ?>>> docs = new LinkedHashMap<>();
    docs.put("queue", List.of(
        Map.of("_id", "support", "wrapUp", 10, "serviceLevelSeconds", 20),
        Map.of("_id", "sales", "wrapUp", 5, "strategy", salesStrategy)));
    List<Map<String, ?>> agentDocs = new ArrayList<>();
    Map<String, List<String>> queues = Map.of("a-anna", List.of("sales", "support"),
        "a-boris", List.of("sales", "support"), "a-chen", List.of("support"), "a-dana", List.of("support", "sales"));
    for (String a : agents) {
      agentDocs.add(Map.of("_id", a, "queues", queues.get(a)));
    }
    docs.put("agent", agentDocs);
    docs.put("flow", List.of(Map.of("_id", "menu", "entry", "main", "steps", Map.of(
        "main", Map.of("type", "menu", "prompt", "main-menu", "options", Map.of("1", "sales", "2", "support"),
            "default", "support"),
        "sales", Map.of("type", "queue", "queue", "sales"),
        "support", Map.of("type", "queue", "queue", "support")))));
    docs.put("entry-points", List.of(Map.of("_id", "default", "numbers", Map.of("+4930555001", "menu"))));
    return ConfigurationFactory.create(1, docs);
  }

  static final List<String> ALL = List.of("a-anna", "a-boris", "a-chen", "a-dana");

  @Test
  void dayReplayedWithItsOwnConfiguration_sameAgentForEveryCall() {
    RoutingConfiguration config = hotline(ALL, "round-robin");
    RecordedDayGenerator day = RecordedDayGenerator.record(config, 70, 170, 90, 42);
    assertThat(day.calls).hasSizeGreaterThan(400);
    assertThat(day.calls).filteredOn(RecordedCall::abandoned).hasSizeGreaterThan(10);

    ReplayResult replay = DayReplay.run(config, day.calls, day.shifts, PatienceModel.fit(day.calls, 7), 1);

    assertThat(replay.rejections()).isEmpty();
    Map<String, String> recorded = agents(day.calls.stream().collect(Collectors.toMap(RecordedCall::id,
        c -> c.agentId() == null ? c.outcome() : c.agentId())));
    Map<String, String> replayed = agents(replay.calls().stream().collect(Collectors.toMap(ReplayedCall::id,
        c -> c.agentId() == null ? c.outcome() : c.agentId())));
    String firstDifference = recorded.keySet().stream().filter(id -> !recorded.get(id).equals(replayed.get(id)))
        .findFirst().map(id -> id + ": recorded " + day.calls.stream().filter(c -> c.id().equals(id)).findFirst()
            .orElseThrow() + ", replayed " + replay.calls().stream().filter(c -> c.id().equals(id)).findFirst()
            .orElseThrow()).orElse(null);
    assertThat(firstDifference).as("the first call routed differently").isNull();
    assertThat(replayed).isEqualTo(recorded);
    for (RecordedCall c : day.calls) {
      ReplayedCall r = replay.calls().stream().filter(x -> x.id().equals(c.id())).findFirst().orElseThrow();
      assertThat(r.waited()).as("wait of %s", c.id()).isEqualTo(c.waited());
      assertThat(r.queueId()).as("queue of %s (menu key %s)", c.id(), c.digits()).isEqualTo(c.queueId());
    }
    System.out.printf("replay: %d calls, %s simulated in %d ms = %.0fx real time, %d engine events%n",
        day.calls.size(), replay.simulated(), replay.computed().toMillis(), replay.speedUp(), replay.engineEvents());
  }

  @Test
  void oneAgentFewer_serviceLevelDropsAndMoreCallersAbandon() {
    RoutingConfiguration config = hotline(ALL, "longest-idle");
    RecordedDayGenerator day = RecordedDayGenerator.record(config, 70, 170, 90, 43);
    PatienceModel patience = PatienceModel.fit(day.calls, 7);
    ReplayResult before = DayReplay.run(config, day.calls, day.shifts, patience, 1);
    List<AgentShift> fewer = day.shifts.stream().filter(s -> !s.agentId().equals("a-boris")).toList();
    ReplayResult after = DayReplay.run(hotline(List.of("a-anna", "a-chen", "a-dana"), "longest-idle"),
        day.calls, fewer, patience, 1);

    QueueFigures s0 = before.queues().get("support");
    QueueFigures s1 = after.queues().get("support");
    System.out.printf("support before: SL %.1f %% ASA %.1f s abandoned %.1f %%; one agent fewer: SL %.1f %% ASA %.1f s"
        + " abandoned %.1f %%%n", s0.serviceLevel(), s0.averageSpeedOfAnswer(), s0.abandonRate(), s1.serviceLevel(),
        s1.averageSpeedOfAnswer(), s1.abandonRate());
    assertThat(s1.offered()).isEqualTo(s0.offered());
    assertThat(s1.serviceLevel()).isLessThan(s0.serviceLevel() - 5);
    assertThat(s1.averageSpeedOfAnswer()).isGreaterThan(s0.averageSpeedOfAnswer());
    assertThat(s1.abandonRate()).isGreaterThan(s0.abandonRate());
    assertThat(after.calls()).noneMatch(c -> "a-boris".equals(c.agentId()));
    assertThat(after.rejections()).isEmpty();
  }

  @Test
  void anotherMenu_sendsTheRecordedKeysElsewhere() {
    RoutingConfiguration config = hotline(ALL, "longest-idle");
    RecordedDayGenerator day = RecordedDayGenerator.record(config, 40, 120, 90, 44);
    Map<String, List<Map<String, ?>>> docs = new LinkedHashMap<>();
    docs.put("queue", List.of(Map.of("_id", "support"), Map.of("_id", "sales")));
    docs.put("agent", List.of(Map.of("_id", "a-anna", "queues", List.of("sales", "support"))));
    // Key 1 now goes to support as well: nobody reaches sales.
    docs.put("flow", List.of(Map.of("_id", "menu", "entry", "main", "steps", Map.of(
        "main", Map.of("type", "menu", "prompt", "main-menu", "options", Map.of("1", "support", "2", "support"),
            "default", "support"),
        "support", Map.of("type", "queue", "queue", "support")))));
    docs.put("entry-points", List.of(Map.of("_id", "default", "numbers", Map.of("+4930555001", "menu"))));
    ReplayResult r = DayReplay.run(ConfigurationFactory.create(2, docs), day.calls, day.shifts,
        PatienceModel.fit(day.calls, 7), 1);
    assertThat(r.queues().get("sales").offered()).isZero();
    assertThat(r.queues().get("support").offered()).isEqualTo(day.calls.size());
  }

  private static Map<String, String> agents(Map<String, String> m) {
    return new java.util.TreeMap<>(m);
  }
}
