package io.switchboard.routing.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A valid configuration as documents (what the store hands the factory), to be broken one field at a time. */
final class ConfigDocuments {

  final Map<String, List<Map<String, ?>>> byKind = new LinkedHashMap<>();

  static ConfigDocuments valid() {
    ConfigDocuments d = new ConfigDocuments();
    d.add("queue", doc("_id", "support", "name", "Support", "strategy", "longest-idle", "wrapUp", 10,
        "maxLength", 20, "whenFull", doc("kind", "queue", "queue", "sales"), "maxWait", 300,
        "whenMaxWait", "voicemail", "aging", doc("every", 60, "maxBoost", 5),
        "widening", List.of(doc("after", 30, "relaxBy", 1), doc("after", 90, "anySkill", true))));
    d.add("queue", doc("_id", "sales", "name", "Sales", "strategy", "round-robin", "whenNoAgents", "callback"));
    d.add("agent", doc("_id", "a-alice", "skills", doc("english", 5, "russian", 4),
        "queues", List.of("support", doc("queue", "sales", "weight", 3)), "group", "g-kyiv"));
    d.add("agent", doc("_id", "a-bob", "skills", doc("english", 3, "ukrainian", 5), "queues", List.of("support")));
    d.add("group", doc("_id", "g-kyiv", "name", "Kyiv", "members", List.of("a-bob"), "supervisors", List.of("a-sam")));
    d.add("flow", doc("_id", "support-direct", "entry", "q",
        "steps", doc("q", doc("type", "queue", "queue", "support"))));
    d.add("flow", doc("_id", "menu", "entry", "main", "steps", doc(
        "main", doc("type", "menu", "prompt", "main-menu", "options", doc("1", "sales", "2", "later"),
            "default", "sales"),
        "sales", doc("type", "queue", "queue", "sales"),
        "later", doc("type", "callback", "queue", "support"))));
    d.add("entry-points", doc("_id", "default", "numbers", doc("+4930555000", "support-direct",
        "+4930555001", "menu"), "widget", "menu"));
    d.add("settings", doc("_id", "default", "notReadyReasons", List.of("break", "lunch")));
    return d;
  }

  ConfigDocuments add(String kind, Map<String, Object> document) {
    byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(document);
    return this;
  }

  /** The document of that kind and id, to change in place. */
  @SuppressWarnings("unchecked")
  Map<String, Object> get(String kind, String id) {
    return (Map<String, Object>) byKind.get(kind).stream().filter(m -> id.equals(m.get("_id"))).findFirst()
        .orElseThrow();
  }

  RoutingConfiguration build() {
    return ConfigurationFactory.create(7, byKind);
  }

  static Map<String, Object> doc(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
