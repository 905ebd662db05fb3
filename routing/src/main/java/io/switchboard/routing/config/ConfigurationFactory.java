package io.switchboard.routing.config;

import io.switchboard.routing.acd.AgentProfile;
import io.switchboard.routing.acd.Membership;
import io.switchboard.routing.acd.OverflowTarget;
import io.switchboard.routing.acd.PriorityAging;
import io.switchboard.routing.acd.QueueConfig;
import io.switchboard.routing.acd.SkillWidening;
import io.switchboard.routing.acd.WideningStep;
import io.switchboard.routing.acd.strategy.Strategies;
import io.switchboard.routing.acd.strategy.Strategy;
import io.switchboard.routing.flow.EntryPoints;
import io.switchboard.routing.flow.Flow;
import io.switchboard.routing.flow.FlowFactory;
import io.switchboard.routing.flow.FlowRejection;
import io.switchboard.routing.flow.Step;
import io.switchboard.routing.flow.step.Callback;
import io.switchboard.routing.flow.step.JoinQueue;
import io.switchboard.routing.flow.step.RingCascade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place a routing configuration is built: from the documents of every kind (as a JSON or BSON decoder gives
 * them: maps, lists, strings, numbers) to a cross-validated {@link RoutingConfiguration}, or a
 * {@link ConfigRejection} listing every problem, each with its place. The format is in docs/routing.md,
 * "Configuration".
 */
public final class ConfigurationFactory {

  public static final String QUEUE = "queue";
  public static final String AGENT = "agent";
  public static final String GROUP = "group";
  public static final String FLOW = "flow";
  public static final String ENTRY_POINTS = "entry-points";
  public static final String SETTINGS = "settings";
  /** Opening hours named by flows' hours steps. */
  public static final String SCHEDULE = "schedule";
  /** Black, white and VIP number lists named by flows' block-list and vip-list steps. */
  public static final String LIST = "list";
  /** Every kind, in the order they are checked (later kinds refer to earlier ones). */
  public static final List<String> KINDS = List.of(SCHEDULE, LIST, QUEUE, AGENT, GROUP, FLOW, ENTRY_POINTS, SETTINGS);
  /** Kinds with a single document, whose id is {@link #SINGLETON_ID}. */
  public static final Set<String> SINGLETONS = Set.of(ENTRY_POINTS, SETTINGS);
  public static final String SINGLETON_ID = "default";

  /** Not-ready reasons the engine sets by itself; an admin's reason may not pretend to be one. */
  private static final Set<String> ENGINE_REASONS = Set.of("login", "ring-no-answer");
  private static final Set<String> QUEUE_FIELDS = Set.of("_id", "id", "name", "strategy", "weight", "wrapUp",
      "offerTimeout", "missesBeforeNotReady", "maxLength", "whenFull", "maxWait", "whenMaxWait", "whenNoAgents",
      "announceEvery", "aging", "widening", "defaultHandleTime", "line", "maskNumbers",
      "serviceLevelSeconds", "serviceLevelTarget", "alertWaitingCalls");
  /** The seed articles' first, second and third line of a hotline; reports compute FCR per line. */
  public static final int MAX_LINE = 3;
  private static final Set<String> AGENT_FIELDS = Set.of("_id", "id", "name", "skills", "queues", "group");
  private static final Set<String> GROUP_FIELDS = Set.of("_id", "id", "name", "members", "supervisors");
  private static final Set<String> ENTRY_FIELDS = Set.of("_id", "id", "numbers", "widget", "web");
  private static final Set<String> SETTINGS_FIELDS = Set.of("_id", "id", "notReadyReasons");

  private ConfigurationFactory() {
  }

  /**
   * Builds and cross-validates. A document's id is its {@code id} field, else its {@code _id}. Missing kinds are
   * empty (no settings: {@link RoutingConfiguration#DEFAULT_NOT_READY_REASONS}).
   *
   * @throws ConfigRejection listing every problem, e.g. {@code "queue support: whenFull names unknown queue
   *     'salez'"}, {@code "agent a-bob: skill english proficiency 7 not in 1..5"}
   */
  public static RoutingConfiguration create(long revision, Map<String, List<Map<String, ?>>> documentsByKind) {
    List<String> problems = new ArrayList<>();
    documentsByKind.keySet().stream().filter(k -> !KINDS.contains(k)).forEach(k ->
        problems.add("kind '" + k + "': unknown (known: " + String.join(", ", KINDS) + ")"));
    Map<String, Fields> scheduleDocs = byId(SCHEDULE, documentsByKind, problems);
    Map<String, Fields> listDocs = byId(LIST, documentsByKind, problems);
    SchedulesAndLists shared = new SchedulesAndLists(scheduleDocs, listDocs, problems);
    Map<String, Fields> queueDocs = byId(QUEUE, documentsByKind, problems);
    Map<String, Fields> agentDocs = byId(AGENT, documentsByKind, problems);
    Map<String, Fields> groupDocs = byId(GROUP, documentsByKind, problems);
    Map<String, Fields> flowDocs = byId(FLOW, documentsByKind, problems);
    Map<String, Fields> entryDocs = byId(ENTRY_POINTS, documentsByKind, problems);
    Map<String, Fields> settingsDocs = byId(SETTINGS, documentsByKind, problems);

    Map<String, String> queueNames = new LinkedHashMap<>();
    Map<String, QueueConfig> queues = new LinkedHashMap<>();
    Map<String, QueueTargets> queueTargets = new LinkedHashMap<>();
    Set<String> maskedQueues = new java.util.HashSet<>();
    queueDocs.forEach((id, f) -> {
      queueNames.put(id, f.str("name", id));
      queueTargets.put(id, targets(f));
      if (f.bool("maskNumbers", false)) {
        maskedQueues.add(id);
      }
      QueueConfig q = queue(id, f, queueDocs.keySet());
      if (q != null) {
        queues.put(id, q);
      }
    });
    List<QueueConfig> ordered = OverflowOrder.order(queues, problems);

    List<AgentProfile> agents = new ArrayList<>();
    Map<String, String> agentGroup = new LinkedHashMap<>();
    agentDocs.forEach((id, f) -> {
      AgentProfile a = agent(id, f, queueDocs.keySet(), groupDocs.keySet());
      if (a != null) {
        agents.add(a);
      }
      String g = f.id("group", null);
      if (g != null && groupDocs.containsKey(g)) {
        agentGroup.put(id, g);
      }
    });

    Map<String, AgentGroup> groups = groups(groupDocs, agentDocs.keySet(), agentGroup, problems);

    Map<String, Flow> flows = new LinkedHashMap<>();
    flowDocs.forEach((id, f) -> flow(id, f, queueDocs.keySet(), problems, doc -> shared.expand(doc, f,
        scheduleDocs.keySet(), listDocs.keySet())).ifPresent(flow -> flows.put(id, flow)));

    EntryPoints entryPoints = entryPoints(entryDocs, flows, flowDocs.keySet(), problems);
    List<String> reasons = notReadyReasons(settingsDocs, problems);

    if (!problems.isEmpty()) {
      throw new ConfigRejection(problems);
    }
    return new RoutingConfiguration(revision, ordered, queueNames, agents, groups, flows, entryPoints, reasons,
        queueTargets, maskedQueues);
  }

  /** The wallboard's measures of a queue (docs/routing.md, "Configuration"). */
  private static QueueTargets targets(Fields f) {
    return new QueueTargets(
        f.seconds("serviceLevelSeconds", (int) QueueTargets.DEFAULT.serviceLevel().toSeconds(), 1, 3600),
        f.integer("serviceLevelTarget", QueueTargets.DEFAULT.serviceLevelTarget(), 1, 100),
        f.integer("alertWaitingCalls", QueueTargets.DEFAULT.alertWaitingCalls(), 0, 100_000));
  }

  /** A kind's documents by id; a document without a valid id, or with the id of another, is a problem. */
  private static Map<String, Fields> byId(String kind, Map<String, List<Map<String, ?>>> all, List<String> problems) {
    Map<String, Fields> out = new LinkedHashMap<>();
    List<Map<String, ?>> docs = all.getOrDefault(kind, List.of());
    for (int i = 0; i < docs.size(); i++) {
      Map<String, ?> doc = docs.get(i);
      if (doc == null) {
        problems.add(kind + " #" + (i + 1) + ": expected an object, got nothing");
        continue;
      }
      Object id = doc.get("id") != null ? doc.get("id") : doc.get("_id");
      if (doc.get("id") != null && doc.get("_id") != null && !doc.get("id").equals(doc.get("_id"))) {
        problems.add(kind + " " + id + ": id " + Fields.describe(doc.get("id")) + " differs from _id "
            + Fields.describe(doc.get("_id")));
      } else if (!(id instanceof String s) || !Fields.ID.matcher(s).matches()) {
        problems.add(kind + " #" + (i + 1) + ": id " + Fields.describe(id)
            + " is not an id (letters, digits, '_', '.', '-'; at most 64)");
      } else if (SINGLETONS.contains(kind) && !SINGLETON_ID.equals(s)) {
        problems.add(kind + " " + s + ": the only " + kind + " document is '" + SINGLETON_ID + "'");
      } else if (out.containsKey(s)) {
        problems.add(kind + " " + s + ": defined twice");
      } else {
        out.put(s, new Fields(kind + " " + s, doc, problems));
      }
    }
    return out;
  }

  private static QueueConfig queue(String id, Fields f, Set<String> queueIds) {
    f.onlyKnown(QUEUE_FIELDS);
    String strategyName = f.str("strategy", "longest-idle");
    Optional<Strategy> strategy = Strategies.byName(strategyName);
    if (strategy.isEmpty()) {
      f.problem("strategy: unknown '" + strategyName + "' (known: "
          + String.join(", ", Strategies.all().stream().map(Strategy::name).toList()) + ")");
    }
    int weight = f.integer("weight", 0, 0, 1000);
    Duration wrapUp = f.seconds("wrapUp", 0, 0, 3600);
    Duration offerTimeout = f.seconds("offerTimeout", 20, 1, 600);
    int misses = f.integer("missesBeforeNotReady", 3, 1, 100);
    int maxLength = f.integer("maxLength", 0, 0, 100_000);
    OverflowTarget whenFull = target(f, "whenFull", OverflowTarget.refuse(), id, queueIds);
    Duration maxWait = f.seconds("maxWait", 0, 0, 86_400);
    OverflowTarget whenMaxWait = target(f, "whenMaxWait", OverflowTarget.voicemail(), id, queueIds);
    OverflowTarget whenNoAgents = target(f, "whenNoAgents", null, id, queueIds);
    Duration announceEvery = f.seconds("announceEvery", 0, 0, 3600);
    PriorityAging aging = Optional.ofNullable(f.nested("aging", a -> {
      a.onlyKnown(Set.of("every", "maxBoost"));
      return new PriorityAging(a.seconds("every", 60, 1, 86_400), a.integer("maxBoost", 0, 0, 100));
    })).orElse(PriorityAging.NONE);
    SkillWidening widening = widening(f);
    Duration handle = f.seconds("defaultHandleTime", 180, 1, 86_400);
    f.integer("line", 1, 1, MAX_LINE); // read by the reports from the document; the engine does not route by it
    if (strategy.isEmpty()) {
      return null;
    }
    try {
      return QueueConfig.of(id).withStrategy(strategy.get()).withWeight(weight).withWrapUp(wrapUp)
          .withRingNoAnswer(offerTimeout, misses).withMaxLength(maxLength, whenFull)
          .withMaxWait(maxWait, whenMaxWait).withWhenNoAgents(whenNoAgents).withAnnounceEvery(announceEvery)
          .withAging(aging).withWidening(widening).withDefaultHandleTime(handle);
    } catch (IllegalArgumentException | NullPointerException e) {
      f.problem(e.getMessage());
      return null;
    }
  }

  /**
   * {@code "voicemail"}, {@code "callback"}, {@code "refuse"}, or {@code {"kind": "queue", "queue": "sales"}} (the
   * other kinds may be written as objects too). A queue target must exist and not be the queue itself.
   */
  private static OverflowTarget target(Fields f, String key, OverflowTarget otherwise, String self,
      Set<String> queueIds) {
    Object v = f.map.get(key);
    if (v == null) {
      return otherwise;
    }
    String kind;
    Object queue = null;
    if (v instanceof String s) {
      kind = s;
    } else if (v instanceof Map<?, ?> m && m.get("kind") instanceof String k) {
      kind = k;
      queue = m.get("queue");
      for (Object field : m.keySet()) {
        if (!"kind".equals(field) && !"queue".equals(field)) {
          f.problem(key + ": unknown field '" + field + "' (known: kind, queue)");
        }
      }
    } else {
      f.problem(key + ": expected \"voicemail\", \"callback\", \"refuse\" or {\"kind\": \"queue\", \"queue\": id},"
          + " got " + Fields.describe(v));
      return otherwise;
    }
    switch (kind) {
      case "voicemail":
      case "callback":
      case "refuse":
        if (queue != null) {
          f.problem(key + ": only a queue target names a queue");
        }
        return kind.equals("voicemail") ? OverflowTarget.voicemail()
            : kind.equals("callback") ? OverflowTarget.callback() : OverflowTarget.refuse();
      case "queue":
        if (!(queue instanceof String q) || q.isBlank()) {
          f.problem(key + ": a queue target needs \"queue\": the queue's id, got " + Fields.describe(queue));
          return otherwise;
        }
        if (q.equals(self)) {
          f.problem(key + ": a queue cannot overflow to itself");
          return otherwise;
        }
        if (!queueIds.contains(q)) {
          f.problem(key + " names unknown queue '" + q + "'");
          return otherwise;
        }
        return OverflowTarget.toQueue(q);
      default:
        f.problem(key + ": unknown target '" + kind + "' (queue, voicemail, callback, refuse)");
        return otherwise;
    }
  }

  private static SkillWidening widening(Fields f) {
    List<WideningStep> steps = new ArrayList<>();
    List<?> raw = f.list("widening");
    for (int i = 0; i < raw.size(); i++) {
      if (!(raw.get(i) instanceof Map<?, ?> m)) {
        f.problem("widening[" + i + "]: expected an object, got " + Fields.describe(raw.get(i)));
        continue;
      }
      List<String> stepProblems = new ArrayList<>();
      Fields s = new Fields(f.place + ": widening[" + i + "]", m, stepProblems);
      s.onlyKnown(Set.of("after", "relaxBy", "anySkill"));
      if (!s.has("after")) {
        s.problem("after: required (seconds of waiting)");
      }
      WideningStep step = new WideningStep(s.seconds("after", 0, 0, 86_400), s.integer("relaxBy", 0, 0, 4),
          s.bool("anySkill", false));
      if (stepProblems.isEmpty()) {
        steps.add(step);
      } else {
        stepProblems.forEach(p -> f.problem(p.substring(f.place.length() + 2)));
      }
    }
    return new SkillWidening(steps);
  }

  private static AgentProfile agent(String id, Fields f, Set<String> queueIds, Set<String> groupIds) {
    f.onlyKnown(AGENT_FIELDS);
    f.str("name", id);
    Map<String, Integer> skills = new LinkedHashMap<>();
    Map<?, ?> rawSkills = f.object("skills");
    if (rawSkills != null) {
      rawSkills.forEach((skill, level) -> {
        String name = String.valueOf(skill);
        if (!Fields.ID.matcher(name).matches()) {
          f.problem("skill '" + name + "' is not a skill name (letters, digits, '_', '.', '-')");
        } else if (!(level instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
          f.problem("skill " + name + " proficiency " + Fields.describe(level) + " is not a whole number 1..5");
        } else if (n.intValue() < 1 || n.intValue() > 5) {
          f.problem("skill " + name + " proficiency " + n + " not in 1..5");
        } else {
          skills.put(name, n.intValue());
        }
      });
    }
    List<Membership> memberships = new ArrayList<>();
    for (Object entry : f.list("queues")) {
      Object queue = entry instanceof Map<?, ?> m ? m.get("queue") : entry;
      Object weight = entry instanceof Map<?, ?> m ? m.get("weight") : null;
      if (entry instanceof Map<?, ?> m) {
        m.keySet().stream().filter(k -> !"queue".equals(k) && !"weight".equals(k)).forEach(k ->
            f.problem("queues: unknown field '" + k + "' (known: queue, weight)"));
      }
      if (!(queue instanceof String q)) {
        f.problem("queues: expected a queue id or {\"queue\": id, \"weight\": 1..100}, got " + Fields.describe(entry));
      } else if (!queueIds.contains(q)) {
        f.problem("queue '" + q + "' does not exist");
      } else if (memberships.stream().anyMatch(x -> x.queueId().equals(q))) {
        f.problem("queues: '" + q + "' is listed twice");
      } else if (weight != null && (!(weight instanceof Number w) || w.doubleValue() != Math.rint(w.doubleValue())
          || w.intValue() < 1 || w.intValue() > 100)) {
        f.problem("queues: weight in " + q + " must be a whole number 1..100, got " + Fields.describe(weight));
      } else {
        memberships.add(new Membership(q, weight == null ? 1 : ((Number) weight).intValue()));
      }
    }
    String group = f.id("group", null);
    if (group != null && !groupIds.contains(group)) {
      f.problem("group '" + group + "' does not exist");
    }
    return new AgentProfile(id, skills, memberships);
  }

  /**
   * Members are the group's {@code members} then the agents naming the group, in agent order; an agent belongs to
   * one group at most, so its supervisor is never ambiguous.
   */
  private static Map<String, AgentGroup> groups(Map<String, Fields> groupDocs, Set<String> agentIds,
      Map<String, String> agentGroup, List<String> problems) {
    Map<String, AgentGroup> groups = new LinkedHashMap<>();
    Map<String, String> groupOf = new LinkedHashMap<>();
    groupDocs.forEach((id, f) -> {
      f.onlyKnown(GROUP_FIELDS);
      String name = f.str("name", id);
      Set<String> members = new LinkedHashSet<>();
      for (String m : f.ids("members")) {
        if (!agentIds.contains(m)) {
          f.problem("member '" + m + "' is not a configured agent");
        } else if (agentGroup.containsKey(m) && !agentGroup.get(m).equals(id)) {
          f.problem("member " + m + " is in group " + agentGroup.get(m) + " (an agent belongs to one group)");
        } else if (groupOf.containsKey(m)) {
          f.problem("member " + m + " is already in group " + groupOf.get(m) + " (an agent belongs to one group)");
        } else {
          members.add(m);
          groupOf.put(m, id);
        }
      }
      agentGroup.forEach((agent, g) -> {
        if (g.equals(id)) {
          members.add(agent);
        }
      });
      groups.put(id, new AgentGroup(id, name, List.copyOf(members), f.ids("supervisors")));
    });
    return groups;
  }

  private static Optional<Flow> flow(String id, Fields f, Set<String> queueIds, List<String> problems,
      java.util.function.UnaryOperator<Map<String, Object>> references) {
    Map<String, Object> given = new LinkedHashMap<>();
    f.map.forEach((k, v) -> given.put(String.valueOf(k), v));
    given.remove("_id");
    given.put("id", id);
    int beforeReferences = problems.size();
    Map<String, Object> doc = references.apply(given);
    Flow flow;
    try {
      flow = FlowFactory.create(doc);
    } catch (FlowRejection e) {
      // FlowFactory's first line is its own header ("flow x refused:"); every other names its place.
      e.problems().stream().filter(p -> !p.equals("flow " + id + " refused:")).forEach(f::problem);
      return Optional.empty();
    }
    int before = problems.size();
    for (Step step : flow.steps().values()) {
      String queue = step instanceof JoinQueue j ? j.queueId()
          : step instanceof RingCascade c ? c.queueId()
          : step instanceof Callback cb ? cb.queueId() : null;
      if (queue != null && !queueIds.contains(queue)) {
        f.problem("steps." + step.id() + ": unknown queue '" + queue + "'");
      }
    }
    return problems.size() == before && before == beforeReferences ? Optional.of(flow) : Optional.empty();
  }

  private static EntryPoints entryPoints(Map<String, Fields> docs, Map<String, Flow> flows, Set<String> flowIds,
      List<String> problems) {
    Fields f = docs.get(SINGLETON_ID);
    if (f == null) {
      return new EntryPoints(Map.of(), Optional.empty());
    }
    f.onlyKnown(ENTRY_FIELDS);
    // A number whose flow exists but was refused is not reported again: the flow's own problems say why.
    Map<String, Object> doc = new LinkedHashMap<>();
    Map<?, ?> numbers = f.object("numbers");
    if (numbers != null) {
      Map<String, Object> kept = new LinkedHashMap<>();
      numbers.forEach((number, value) -> {
        Object flow = FlowFactory.numberFlow(value);
        if (!(flowIds.contains(String.valueOf(flow)) && !flows.containsKey(String.valueOf(flow)))) {
          kept.put(String.valueOf(number), value);
        }
      });
      doc.put("numbers", kept);
    }
    Object widget = f.map.get("widget");
    if (widget != null && !(flowIds.contains(String.valueOf(widget)) && !flows.containsKey(String.valueOf(widget)))) {
      doc.put("widget", widget);
    }
    Map<?, ?> web = f.object("web");
    if (web != null) {
      // As for numbers: a website entry point whose flow exists but was refused is not reported again.
      Map<Object, Object> kept = new LinkedHashMap<>();
      web.forEach((name, entry) -> {
        Object flow = entry instanceof Map<?, ?> m ? m.get("flow") : null;
        if (!(flow != null && flowIds.contains(String.valueOf(flow)) && !flows.containsKey(String.valueOf(flow)))) {
          kept.put(name, entry);
        }
      });
      doc.put("web", kept);
    }
    try {
      return FlowFactory.entryPoints(doc, flows);
    } catch (FlowRejection e) {
      e.problems().forEach(problems::add);
      return new EntryPoints(Map.of(), Optional.empty());
    }
  }

  private static List<String> notReadyReasons(Map<String, Fields> docs, List<String> problems) {
    Fields f = docs.get(SINGLETON_ID);
    if (f == null) {
      return RoutingConfiguration.DEFAULT_NOT_READY_REASONS;
    }
    f.onlyKnown(SETTINGS_FIELDS);
    if (!f.has("notReadyReasons")) {
      return RoutingConfiguration.DEFAULT_NOT_READY_REASONS;
    }
    List<String> reasons = new ArrayList<>();
    for (String r : f.ids("notReadyReasons")) {
      if (ENGINE_REASONS.contains(r)) {
        f.problem("notReadyReasons: '" + r + "' is set by the ACD itself and cannot be chosen");
      } else {
        reasons.add(r);
      }
    }
    if (f.list("notReadyReasons").isEmpty()) {
      f.problem("notReadyReasons: at least one reason is needed");
    } else if (reasons.size() > 30) {
      f.problem("notReadyReasons: at most 30, got " + reasons.size());
    }
    return reasons;
  }
}
