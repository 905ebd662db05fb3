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
import java.util.regex.Pattern;

/**
 * Builds a {@link RoutingConfiguration} from the documents of every kind and checks them against each other, or
 * throws a {@link ConfigRejection} listing every problem with its place ("queue support.whenFull: unknown queue
 * 'salez'"). Documents are JSON-like maps (what a JSON or BSON decoder gives); a document's id is its {@code _id}.
 * The format is in docs/routing.md, "Configuration".
 */
public final class ConfigurationFactory {

  /** The kinds of documents, in the order they are read. */
  public static final List<String> KINDS = List.of("queue", "agent", "group", "flow", "entry-points", "settings");
  /** The one document of the single-document kinds. */
  public static final String SINGLETON = "default";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  private ConfigurationFactory() {
  }

  public static RoutingConfiguration create(long revision, Map<String, List<Map<String, ?>>> documentsByKind) {
    List<String> problems = new ArrayList<>();
    documentsByKind.keySet().stream().filter(k -> !KINDS.contains(k))
        .forEach(k -> problems.add("unknown kind '" + k + "' (expected one of " + KINDS + ")"));

    Map<String, QueueConfig> queues = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (Map<String, ?> doc : docs(documentsByKind, "queue")) {
      read(problems, "queue", doc, (id, d) -> {
        queues.put(id, queue(id, d));
        names.put(id, d.str("name", id));
      });
    }
    List<QueueConfig> ordered = overflowOrder(queues, problems);

    Map<String, AgentProfile> agents = new LinkedHashMap<>();
    Map<String, String> agentGroup = new LinkedHashMap<>();
    for (Map<String, ?> doc : docs(documentsByKind, "agent")) {
      read(problems, "agent", doc, (id, d) -> {
        AgentProfile p = agent(id, d, queues.keySet());
        agents.put(id, p);
        if (d.has("group")) {
          agentGroup.put(id, d.str("group"));
        }
      });
    }

    Map<String, AgentGroup> groups = new LinkedHashMap<>();
    for (Map<String, ?> doc : docs(documentsByKind, "group")) {
      read(problems, "group", doc, (id, d) -> groups.put(id, new AgentGroup(id, d.str("name", id),
          d.strings("members"), d.strings("supervisors"))));
    }
    // An agent document's "group" adds the agent to that group's members.
    agentGroup.forEach((agent, groupId) -> {
      AgentGroup g = groups.get(groupId);
      if (g == null) {
        problems.add("agent " + agent + ".group: unknown group '" + groupId + "'");
      } else if (!g.members().contains(agent)) {
        List<String> members = new ArrayList<>(g.members());
        members.add(agent);
        groups.put(groupId, new AgentGroup(g.id(), g.name(), members, g.supervisors()));
      }
    });
    groups.values().forEach(g -> g.members().stream().filter(m -> !agents.containsKey(m))
        .forEach(m -> problems.add("group " + g.id() + ".members: unknown agent '" + m + "'")));

    Map<String, Flow> flows = new LinkedHashMap<>();
    for (Map<String, ?> doc : docs(documentsByKind, "flow")) {
      Object id = doc.get("_id") != null ? doc.get("_id") : doc.get("id");
      Map<String, Object> withId = new LinkedHashMap<>(doc);
      withId.remove("_id");
      withId.put("id", id);
      try {
        Flow flow = FlowFactory.create(withId);
        flows.put(flow.id(), flow);
        for (Step step : flow.steps().values()) {
          queueOf(step).filter(q -> !queues.containsKey(q)).ifPresent(q -> problems.add("flow " + flow.id()
              + ".steps." + step.id() + ": unknown queue '" + q + "'"));
        }
      } catch (FlowRejection e) {
        e.problems().forEach(p -> problems.add("flow " + id + ": " + p));
      }
    }

    EntryPoints entryPoints = new EntryPoints(Map.of(), Optional.empty());
    Optional<Map<String, ?>> entry = singleton(documentsByKind, "entry-points", problems);
    if (entry.isPresent()) {
      try {
        entryPoints = FlowFactory.entryPoints(entry.get(), flows);
      } catch (FlowRejection e) {
        problems.addAll(e.problems());
      }
    }

    List<String> reasons = List.of();
    Optional<Map<String, ?>> settings = singleton(documentsByKind, "settings", problems);
    if (settings.isPresent()) {
      try {
        Fields s = new Fields("settings", settings.get());
        reasons = s.strings("notReadyReasons");
        for (String r : reasons) {
          if (!REASON.matcher(r).matches()) {
            problems.add("settings.notReadyReasons: '" + r + "' must be a lower-case code such as lunch or "
                + "after_call_work");
          }
        }
        if (reasons.stream().distinct().count() != reasons.size()) {
          problems.add("settings.notReadyReasons: a reason is listed twice");
        }
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }

    if (!problems.isEmpty()) {
      throw new ConfigRejection(problems);
    }
    return new RoutingConfiguration(revision, ordered, names, List.copyOf(agents.values()), groups, flows,
        entryPoints, reasons);
  }

  // ---------------------------------------------------------------- queues

  private static QueueConfig queue(String id, Fields d) {
    String strategyName = d.str("strategy", "longest-idle");
    Strategy strategy = Strategies.byName(strategyName).orElseThrow(() -> new IllegalArgumentException(
        d.path + ".strategy: unknown strategy '" + strategyName + "' (expected one of "
            + Strategies.all().stream().map(Strategy::name).toList() + ")"));
    QueueConfig q = QueueConfig.of(id).withStrategy(strategy)
        .withWeight(d.integer("weight", 0, 0, 1000))
        .withWrapUp(d.seconds("wrapUp", 0, 0, 3600))
        .withRingNoAnswer(d.seconds("offerTimeout", 20, 1, 600), d.integer("missesBeforeNotReady", 3, 1, 100))
        .withMaxLength(d.integer("maxLength", 0, 0, 100_000), target(d, "whenFull", OverflowTarget.refuse()))
        .withMaxWait(d.seconds("maxWait", 0, 0, 86_400), target(d, "whenMaxWait", OverflowTarget.voicemail()))
        .withAnnounceEvery(d.seconds("announceEvery", 0, 0, 3600))
        .withDefaultHandleTime(d.seconds("defaultHandleTime", 180, 1, 86_400));
    if (d.has("whenNoAgents")) {
      q = q.withWhenNoAgents(target(d, "whenNoAgents", null));
    }
    if (d.has("aging")) {
      Fields a = d.object("aging");
      q = q.withAging(new PriorityAging(a.seconds("every", 60, 1, 86_400), a.integer("maxBoost", 10, 1, 1000)));
    }
    if (d.has("widening")) {
      List<WideningStep> steps = new ArrayList<>();
      List<?> list = d.list("widening");
      for (int i = 0; i < list.size(); i++) {
        Fields w = new Fields(d.path + ".widening[" + i + "]", list.get(i));
        steps.add(new WideningStep(w.seconds("after", 0, 0, 86_400), w.integer("relaxBy", 0, 0, 4),
            w.bool("anySkill", false)));
      }
      q = q.withWidening(new SkillWidening(steps));
    }
    return q;
  }

  /** {@code "voicemail"}, {@code "callback"}, {@code "refuse"} or {@code {"kind": "queue", "queue": "sales"}}. */
  private static OverflowTarget target(Fields d, String key, OverflowTarget otherwise) {
    Object v = d.raw(key);
    if (v == null) {
      return otherwise;
    }
    String where = d.path + "." + key;
    if (v instanceof String s) {
      return switch (s) {
        case "voicemail" -> OverflowTarget.voicemail();
        case "callback" -> OverflowTarget.callback();
        case "refuse" -> OverflowTarget.refuse();
        default -> throw new IllegalArgumentException(where + ": expected voicemail, callback, refuse or "
            + "{\"kind\": \"queue\", \"queue\": id}, got '" + s + "'");
      };
    }
    Fields t = new Fields(where, v);
    if (!"queue".equals(t.str("kind"))) {
      throw new IllegalArgumentException(where + ".kind: expected 'queue'");
    }
    return OverflowTarget.toQueue(t.str("queue"));
  }

  /** Overflow targets first; unknown targets and cycles are problems (the cycle is named). */
  private static List<QueueConfig> overflowOrder(Map<String, QueueConfig> queues, List<String> problems) {
    List<QueueConfig> out = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    for (QueueConfig q : queues.values()) {
      visit(q, queues, done, new ArrayList<>(), out, problems);
    }
    return out;
  }

  private static void visit(QueueConfig q, Map<String, QueueConfig> queues, Set<String> done, List<String> path,
      List<QueueConfig> out, List<String> problems) {
    if (done.contains(q.id())) {
      return;
    }
    if (path.contains(q.id())) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(q.id()), path.size()));
      cycle.add(q.id());
      String text = "queue " + q.id() + ": overflow cycle " + String.join(" -> ", cycle);
      if (!problems.contains(text)) {
        problems.add(text);
      }
      return;
    }
    path.add(q.id());
    for (OverflowTarget t : new OverflowTarget[] {q.whenFull(), q.whenMaxWait(), q.whenNoAgents()}) {
      if (t != null && t.kind() == OverflowTarget.Kind.QUEUE) {
        QueueConfig target = queues.get(t.queueId());
        if (target == null) {
          problems.add("queue " + q.id() + ": overflows to unknown queue '" + t.queueId() + "'");
        } else {
          visit(target, queues, done, path, out, problems);
        }
      }
    }
    path.remove(path.size() - 1);
    if (done.add(q.id())) {
      out.add(q);
    }
  }

  // ---------------------------------------------------------------- agents, flows

  private static AgentProfile agent(String id, Fields d, Set<String> queueIds) {
    Map<String, Integer> skills = new LinkedHashMap<>();
    if (d.has("skills")) {
      Fields s = d.object("skills");
      for (Object skill : s.keys()) {
        skills.put(String.valueOf(skill), s.integer(String.valueOf(skill), 1, 1, 5));
      }
    }
    List<Membership> memberships = new ArrayList<>();
    List<?> list = d.list("queues");
    for (int i = 0; i < list.size(); i++) {
      Object m = list.get(i);
      String queue;
      int weight = 1;
      if (m instanceof String s) {
        queue = s;
      } else {
        Fields f = new Fields(d.path + ".queues[" + i + "]", m);
        queue = f.str("queue");
        weight = f.integer("weight", 1, 1, 100);
      }
      if (!queueIds.contains(queue)) {
        throw new IllegalArgumentException(d.path + ".queues[" + i + "]: unknown queue '" + queue + "'");
      }
      memberships.add(new Membership(queue, weight));
    }
    try {
      return new AgentProfile(id, skills, memberships);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(d.path + ": " + e.getMessage());
    }
  }

  private static Optional<String> queueOf(Step step) {
    if (step instanceof JoinQueue j) {
      return Optional.of(j.queueId());
    }
    if (step instanceof RingCascade c) {
      return Optional.of(c.queueId());
    }
    if (step instanceof Callback c) {
      return Optional.of(c.queueId());
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- documents

  private interface Reader {
    void read(String id, Fields doc);
  }

  private static List<Map<String, ?>> docs(Map<String, List<Map<String, ?>>> byKind, String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  private static void read(List<String> problems, String kind, Map<String, ?> doc, Reader reader) {
    Object rawId = doc.get("_id");
    String id = rawId == null ? null : String.valueOf(rawId);
    if (id == null || !ID.matcher(id).matches()) {
      problems.add(kind + " " + Fields.describe(rawId) + ": an id is 1-64 letters, digits, '.', '_' or '-'");
      return;
    }
    try {
      reader.read(id, new Fields(kind + " " + id, doc));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
  }

  private static Optional<Map<String, ?>> singleton(Map<String, List<Map<String, ?>>> byKind, String kind,
      List<String> problems) {
    List<Map<String, ?>> list = docs(byKind, kind);
    for (Map<String, ?> d : list) {
      if (!SINGLETON.equals(String.valueOf(d.get("_id")))) {
        problems.add(kind + ": the one document's id is '" + SINGLETON + "', got " + Fields.describe(d.get("_id")));
      }
    }
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /** Typed reads of one document, each failure naming its place. */
  static final class Fields {
    final String path;
    private final Map<?, ?> map;

    Fields(String path, Object value) {
      this.path = path;
      if (!(value instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(path + ": expected an object, got " + describe(value));
      }
      this.map = m;
    }

    Object raw(String key) {
      return map.get(key);
    }

    Set<?> keys() {
      return map.keySet();
    }

    boolean has(String key) {
      return map.get(key) != null;
    }

    String str(String key) {
      Object v = map.get(key);
      if (!(v instanceof String s) || s.isBlank()) {
        throw new IllegalArgumentException(path + "." + key + ": expected a non-empty string, got " + describe(v));
      }
      return s;
    }

    String str(String key, String otherwise) {
      return has(key) ? str(key) : otherwise;
    }

    boolean bool(String key, boolean otherwise) {
      Object v = map.get(key);
      if (v == null) {
        return otherwise;
      }
      if (!(v instanceof Boolean b)) {
        throw new IllegalArgumentException(path + "." + key + ": expected true or false, got " + describe(v));
      }
      return b;
    }

    int integer(String key, int otherwise, int min, int max) {
      Object v = map.get(key);
      if (v == null) {
        return otherwise;
      }
      if (!(v instanceof Number n) || n.doubleValue() != n.longValue() || n.longValue() < min
          || n.longValue() > max) {
        throw new IllegalArgumentException(path + "." + key + ": expected a whole number " + min + ".." + max
            + ", got " + describe(v));
      }
      return n.intValue();
    }

    Duration seconds(String key, int otherwise, int min, int max) {
      return Duration.ofSeconds(integer(key, otherwise, min, max));
    }

    Fields object(String key) {
      return new Fields(path + "." + key, map.get(key));
    }

    List<?> list(String key) {
      Object v = map.get(key);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof List<?> l)) {
        throw new IllegalArgumentException(path + "." + key + ": expected a list, got " + describe(v));
      }
      return l;
    }

    List<String> strings(String key) {
      List<?> l = list(key);
      for (Object o : l) {
        if (!(o instanceof String)) {
          throw new IllegalArgumentException(path + "." + key + ": expected strings, got " + describe(o));
        }
      }
      return l.stream().map(String.class::cast).toList();
    }

    static String describe(Object v) {
      return v == null ? "nothing" : v instanceof String s ? "'" + s + "'" : v.getClass().getSimpleName() + " " + v;
    }
  }
}
