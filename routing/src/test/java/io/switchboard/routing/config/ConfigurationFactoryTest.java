package io.switchboard.routing.config;

import static io.switchboard.routing.config.ConfigDocuments.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.routing.acd.AgentProfile;
import io.switchboard.routing.acd.ManualClock;
import io.switchboard.routing.acd.Membership;
import io.switchboard.routing.acd.OverflowTarget;
import io.switchboard.routing.acd.QueueConfig;
import io.switchboard.routing.acd.RoutingEngine;
import io.switchboard.routing.flow.CallInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfigurationFactoryTest {

  @Test
  void validDocuments_buildEveryKind() {
    RoutingConfiguration c = ConfigDocuments.valid().build();

    assertThat(c.revision()).isEqualTo(7);
    // sales first: support overflows into it.
    assertThat(c.queues()).extracting(QueueConfig::id).containsExactly("sales", "support");
    QueueConfig support = c.queue("support").orElseThrow();
    assertThat(support.strategy().name()).isEqualTo("longest-idle");
    assertThat(support.wrapUp()).isEqualTo(Duration.ofSeconds(10));
    assertThat(support.maxLength()).isEqualTo(20);
    assertThat(support.whenFull()).isEqualTo(OverflowTarget.toQueue("sales"));
    assertThat(support.maxWait()).isEqualTo(Duration.ofMinutes(5));
    assertThat(support.whenMaxWait()).isEqualTo(OverflowTarget.voicemail());
    assertThat(support.aging().maxBoost()).isEqualTo(5);
    assertThat(support.widening().steps()).hasSize(2);
    assertThat(support.offerTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.queue("sales").orElseThrow().whenNoAgents()).isEqualTo(OverflowTarget.callback());
    assertThat(c.queue("sales").orElseThrow().strategy().name()).isEqualTo("round-robin");
    assertThat(c.queueNames()).containsEntry("support", "Support").containsEntry("sales", "Sales");

    AgentProfile alice = c.agent("a-alice").orElseThrow();
    assertThat(alice.skills()).containsEntry("english", 5).containsEntry("russian", 4);
    assertThat(alice.memberships()).containsExactly(new Membership("support", 1), new Membership("sales", 3));

    assertThat(c.groups().get("g-kyiv").members()).containsExactly("a-bob", "a-alice");
    assertThat(c.supervisorOf("a-alice")).contains("a-sam");
    assertThat(c.supervisorOf("a-nobody")).isEmpty();

    assertThat(c.flows()).containsOnlyKeys("support-direct", "menu");
    assertThat(c.entryPoints().forCall(new CallInfo("c1", "+4930111", "+4930555000", CallInfo.Channel.TRUNK))
        .orElseThrow().id()).isEqualTo("support-direct");
    assertThat(c.entryPoints().widget().orElseThrow().id()).isEqualTo("menu");
    assertThat(c.notReadyReasons()).containsExactly("break", "lunch");
  }

  @Test
  void builtConfiguration_isAcceptedByTheEngineInItsOrder() {
    RoutingConfiguration c = ConfigDocuments.valid().build();
    RoutingEngine engine = new RoutingEngine(new ManualClock(Instant.parse("2026-01-05T09:00:00Z")), new Random(1));

    c.queues().forEach(engine::addQueue);
    c.agents().forEach(engine::addAgent);

    assertThat(engine.debugState()).contains("support").contains("a-alice");
  }

  @Test
  void empty_hasNothingButDefaultReasons() {
    RoutingConfiguration e = RoutingConfiguration.empty();
    assertThat(e.queues()).isEmpty();
    assertThat(e.entryPoints().byNumber()).isEmpty();
    assertThat(e.notReadyReasons()).contains("break", "lunch");
    assertThat(ConfigurationFactory.create(0, Map.of()).notReadyReasons())
        .isEqualTo(RoutingConfiguration.DEFAULT_NOT_READY_REASONS);
  }

  @Test
  void overflowToUnknownQueue_namesQueueAndField() {
    ConfigDocuments d = ConfigDocuments.valid();
    d.get("queue", "support").put("whenFull", doc("kind", "queue", "queue", "salez"));

    assertThat(problems(d)).containsExactly("queue support: whenFull names unknown queue 'salez'");
  }

  @Test
  void overflowCycle_isRefusedWithTheCycleNamed() {
    ConfigDocuments d = ConfigDocuments.valid();
    d.get("queue", "sales").put("whenMaxWait", doc("kind", "queue", "queue", "support"));

    assertThat(problems(d)).containsExactly("queues: overflow cycle support -> sales -> support");
  }

  @Test
  void queueFields_everyBadValueReported() {
    ConfigDocuments d = ConfigDocuments.valid();
    Map<String, Object> q = d.get("queue", "sales");
    q.put("strategy", "fastest");
    q.put("wrapUp", 1.5);
    q.put("offerTimeout", 0);
    q.put("whenMaxWait", "nowhere");
    q.put("weigth", 3);
    q.put("aging", doc("every", "x"));
    q.put("widening", List.of(doc("relaxBy", 9)));
    q.put("line", 4);

    assertThat(problems(d)).containsExactlyInAnyOrder(
        "queue sales: line: expected a whole number 1..3, got Integer 4",
        "queue sales: unknown field 'weigth' (known: _id, aging, alertWaitingCalls, announceEvery,"
            + " defaultHandleTime, id, line, maskNumbers, maxLength, maxWait, missesBeforeNotReady, name,"
            + " offerTimeout, serviceLevelSeconds, serviceLevelTarget, strategy, weight, whenFull, whenMaxWait,"
            + " whenNoAgents, widening, wrapUp)",
        "queue sales: strategy: unknown 'fastest' (known: longest-idle, round-robin, ring-all, fewest-calls,"
            + " least-talk-time, linear, random, weighted-random)",
        "queue sales: wrapUp: expected whole seconds 0..3600, got Double 1.5",
        "queue sales: offerTimeout: expected whole seconds 1..600, got Integer 0",
        "queue sales: whenMaxWait: unknown target 'nowhere' (queue, voicemail, callback, refuse)",
        "queue sales: aging: every: expected whole seconds 1..86400, got 'x'",
        "queue sales: widening[0]: after: required (seconds of waiting)",
        "queue sales: widening[0]: relaxBy: expected a whole number 0..4, got Integer 9");
  }

  @Test
  void wallboardTargets_defaultsAndBounds() {
    ConfigDocuments d = ConfigDocuments.valid();
    assertThat(d.build().targets("sales")).isEqualTo(QueueTargets.DEFAULT);
    assertThat(QueueTargets.DEFAULT.serviceLevel()).isEqualTo(java.time.Duration.ofSeconds(20));
    assertThat(QueueTargets.DEFAULT.serviceLevelTarget()).isEqualTo(80);

    d.get("queue", "sales").put("serviceLevelSeconds", 30);
    d.get("queue", "sales").put("serviceLevelTarget", 90);
    d.get("queue", "sales").put("alertWaitingCalls", 4);
    assertThat(d.build().targets("sales"))
        .isEqualTo(new QueueTargets(java.time.Duration.ofSeconds(30), 90, 4));

    d.get("queue", "sales").put("serviceLevelSeconds", 0);
    d.get("queue", "sales").put("serviceLevelTarget", 101);
    d.get("queue", "sales").put("alertWaitingCalls", -1);
    assertThat(problems(d)).containsExactlyInAnyOrder(
        "queue sales: serviceLevelSeconds: expected whole seconds 1..3600, got Integer 0",
        "queue sales: serviceLevelTarget: expected a whole number 1..100, got Integer 101",
        "queue sales: alertWaitingCalls: expected a whole number 0..100000, got Integer -1");
  }

  @Test
  void selfOverflow_isRefused() {
    ConfigDocuments d = ConfigDocuments.valid();
    d.get("queue", "sales").put("whenFull", doc("kind", "queue", "queue", "sales"));

    assertThat(problems(d)).containsExactly("queue sales: whenFull: a queue cannot overflow to itself");
  }

  @Test
  void agentProblems_skillsQueuesGroup() {
    ConfigDocuments d = ConfigDocuments.valid();
    Map<String, Object> bob = d.get("agent", "a-bob");
    bob.put("skills", doc("english", 7, "german", "good"));
    bob.put("queues", List.of("salez", doc("queue", "sales", "weight", 0)));
    bob.put("group", "g-lviv");

    assertThat(problems(d)).containsExactlyInAnyOrder(
        "agent a-bob: skill english proficiency 7 not in 1..5",
        "agent a-bob: skill german proficiency 'good' is not a whole number 1..5",
        "agent a-bob: queue 'salez' does not exist",
        "agent a-bob: queues: weight in sales must be a whole number 1..100, got Integer 0",
        "agent a-bob: group 'g-lviv' does not exist");
  }

  @Test
  void groupMembers_mustBeAgents_inOneGroup() {
    ConfigDocuments d = ConfigDocuments.valid();
    d.get("group", "g-kyiv").put("members", List.of("a-bob", "a-zed"));
    d.add("group", doc("_id", "g-lviv", "members", List.of("a-bob", "a-alice")));

    assertThat(problems(d)).containsExactlyInAnyOrder(
        "group g-kyiv: member 'a-zed' is not a configured agent",
        "group g-lviv: member a-bob is already in group g-kyiv (an agent belongs to one group)",
        "group g-lviv: member a-alice is in group g-kyiv (an agent belongs to one group)");
  }

  @Test
  void flowProblems_ownAndQueueReferences() {
    ConfigDocuments d = ConfigDocuments.valid();
    Map<String, Object> menu = d.get("flow", "menu");
    @SuppressWarnings("unchecked")
    Map<String, Object> steps = (Map<String, Object>) menu.get("steps");
    steps.put("sales", doc("type", "queue", "queue", "salez"));
    steps.put("later", doc("type", "callback", "queue", "nope"));
    d.add("flow", doc("_id", "broken", "entry", "a", "steps", doc("a", doc("type", "teleport"))));

    assertThat(problems(d)).containsExactlyInAnyOrder(
        "flow menu: steps.sales: unknown queue 'salez'",
        "flow menu: steps.later: unknown queue 'nope'",
        "flow broken: steps.a.type: unknown step type 'teleport' (play, hours, block-list, vip-list, customer,"
            + " menu, queue, cascade, voicemail, callback, hangup)");
  }

  @Test
  void entryPoints_unknownFlowAndNonE164_butNotForARefusedFlow() {
    ConfigDocuments d = ConfigDocuments.valid();
    d.get("entry-points", "default").put("numbers", doc("+4930555000", "hotlin", "100", "support-direct",
        "+4930555001", "menu"));
    // menu is refused for its own reason: its entry point is not reported a second time.
    d.get("flow", "menu").put("steps", "none");

    assertThat(problems(d)).containsExactlyInAnyOrder(
        "entry-points.numbers.+4930555000: unknown flow 'hotlin'",
        "entry-points.numbers: '100' is not an E.164 number (+ and up to 15 digits)",
        "flow menu: flow.steps: expected an object, got 'none'");
  }

  @Test
  void webEntryPoints_unknownFlowAndBadOrigin_butNotForARefusedFlow() {
    ConfigDocuments d = ConfigDocuments.valid();
    d.get("entry-points", "default").put("web", doc(
        "shop", doc("flow", "menu", "origins", List.of("https://shop.example")),
        "blog", doc("flow", "nope", "origins", List.of("https://blog.example/")),
        "help", doc("flow", "support-direct", "origins", List.of("https://help.example"))));
    // menu is refused for its own reason: the website entry point calling it is not reported a second time.
    d.get("flow", "menu").put("steps", "none");

    assertThat(problems(d)).containsExactlyInAnyOrder(
        "entry-points.web.blog.flow: unknown flow 'nope'",
        "entry-points.web.blog.origins: 'https://blog.example/' is not an origin (scheme://host[:port], no path)",
        "flow menu: flow.steps: expected an object, got 'none'");
  }

  @Test
  void ids_singletonsAndDuplicates() {
    ConfigDocuments d = ConfigDocuments.valid();
    d.add("queue", doc("_id", "support"));
    d.add("queue", doc("_id", "bad id!"));
    d.add("settings", doc("_id", "other"));
    d.add("skills", doc("_id", "x"));

    assertThat(problems(d)).containsExactlyInAnyOrder(
        "kind 'skills': unknown (known: schedule, list, queue, agent, group, flow, entry-points, settings)",
        "queue support: defined twice",
        "queue #4: id 'bad id!' is not an id (letters, digits, '_', '.', '-'; at most 64)",
        "settings other: the only settings document is 'default'");
  }

  @Test
  void settings_reasonsChecked() {
    ConfigDocuments d = ConfigDocuments.valid();
    d.get("settings", "default").put("notReadyReasons", List.of("lunch", "lunch", "ring-no-answer"));

    assertThat(problems(d)).containsExactlyInAnyOrder(
        "settings default: notReadyReasons: 'lunch' is listed twice",
        "settings default: notReadyReasons: 'ring-no-answer' is set by the ACD itself and cannot be chosen");
  }

  @Test
  void severalKinds_allProblemsAtOnce() {
    ConfigDocuments d = ConfigDocuments.valid();
    d.get("queue", "support").put("whenFull", doc("kind", "queue", "queue", "salez"));
    d.get("agent", "a-bob").put("skills", doc("english", 7));
    d.get("entry-points", "default").put("numbers", doc("+4930555000", "hotlin"));

    assertThat(problems(d)).containsExactly(
        "queue support: whenFull names unknown queue 'salez'",
        "agent a-bob: skill english proficiency 7 not in 1..5",
        "entry-points.numbers.+4930555000: unknown flow 'hotlin'");
  }

  private static List<String> problems(ConfigDocuments d) {
    return catchRejection(d).problems();
  }

  private static ConfigRejection catchRejection(ConfigDocuments d) {
    try {
      d.build();
    } catch (ConfigRejection e) {
      assertThat(e.getMessage()).contains(e.problems().get(0));
      return e;
    }
    assertThatThrownBy(d::build).isInstanceOf(ConfigRejection.class);
    throw new AssertionError("unreachable");
  }
}
