package io.switchboard.server.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration problem as a form can show it next to its field: {@code "queue support: wrapUp: expected whole
 * seconds 0..3600"} becomes {@code {kind: "queue", id: "support", path: "wrapUp", message: "expected whole ..."}}.
 * The validator names the document first and then the field (routing's {@code Fields}); the few problems that
 * name a field in words ({@code skill english proficiency 7 not in 1..5}) are mapped here to the field that holds
 * them. A problem that names no field keeps an empty path (the console lists it above the form).
 */
final class ProblemDetails {

  /** "kind id: rest", kinds as in ConfigurationFactory.KINDS (entry-points has a dash). */
  private static final Pattern PLACE = Pattern.compile("([a-z][a-z-]*) ([A-Za-z0-9][A-Za-z0-9_.-]{0,63}): (.*)",
      Pattern.DOTALL);
  /** The leading field path of the rest: name, then .name / [n] parts, ended by ':' or a space. */
  private static final Pattern FIELD = Pattern.compile("([A-Za-z][A-Za-z0-9_]*(?:\\[\\d+]|\\.[^\\s:]+)*)(?::\\s*| )(.*)",
      Pattern.DOTALL);
  /** Problems phrased in words, by their first word: the field they concern. */
  private static final Map<String, String> WORDED = Map.of("skill", "skills", "queue", "queues", "member", "members",
      "group", "group");

  private ProblemDetails() {
  }

  static JsonArray of(List<String> problems) {
    JsonArray out = new JsonArray();
    problems.forEach(p -> out.add(of(p)));
    return out;
  }

  static JsonObject of(String problem) {
    JsonObject detail = new JsonObject().put("text", problem);
    Matcher place = PLACE.matcher(problem);
    if (!place.matches()) {
      return detail.put("path", "").put("message", problem);
    }
    detail.put("kind", place.group(1)).put("id", place.group(2));
    String rest = place.group(3);
    Matcher field = FIELD.matcher(rest);
    if (!field.matches()) {
      return detail.put("path", "").put("message", rest);
    }
    String name = field.group(1);
    boolean named = rest.charAt(name.length()) == ':';
    if (named) {
      return detail.put("path", name.replaceAll("\\[(\\d+)]", ".$1")).put("message", field.group(2));
    }
    String worded = WORDED.get(name);
    if (worded == null) {
      // "whenFull names unknown queue 'x'": a field name followed by words about it.
      return detail.put("path", name).put("message", rest);
    }
    if ("skills".equals(worded)) {
      // "skill english proficiency 7 not in 1..5": the skill's own entry.
      String skill = field.group(2).split(" ", 2)[0];
      return detail.put("path", "skills." + skill.replace("'", "")).put("message", rest);
    }
    return detail.put("path", worded).put("message", rest);
  }
}
