package io.switchboard.server.quality;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An admin-defined evaluation form at one version: sections of weighted questions. Versions are immutable once
 * saved; an evaluation names the version it was scored with, so changing a form never changes old scores.
 *
 * <p>The wire form (docs/api.md, "Quality"): {@code {name, sections: [{id, title, questions: [{id, text, weight,
 * type: "yesno"|"scale", scaleMax, naAllowed, critical}]}]}}. Every refusal is a {@link FormInvalid} naming the
 * field path, and a field nobody knows is refused rather than ignored.
 */
public record EvaluationForm(String id, int version, String name, List<FormSection> sections) {

  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
  static final int MAX_SECTIONS = 20;
  static final int MAX_QUESTIONS = 50;
  static final int MAX_SCALE = 10;
  private static final Set<String> FORM_FIELDS = Set.of("id", "name", "sections", "version");
  private static final Set<String> SECTION_FIELDS = Set.of("id", "title", "questions");
  private static final Set<String> QUESTION_FIELDS = Set.of("id", "text", "weight", "type", "scaleMax", "naAllowed",
      "critical");

  public EvaluationForm {
    sections = List.copyOf(sections);
  }

  /** Every question, in form order. */
  public List<FormQuestion> questions() {
    List<FormQuestion> all = new ArrayList<>();
    sections.forEach(s -> all.addAll(s.questions()));
    return all;
  }

  /**
   * Reads a form from a request body or a stored document ({@code id} and {@code version} given apart, so the body
   * may leave them out).
   */
  public static EvaluationForm parse(String id, int version, JsonObject body) {
    unknownFields(body, FORM_FIELDS, "");
    String name = text(body, "name", 120, "");
    JsonArray sections = array(body, "sections", MAX_SECTIONS, "");
    List<FormSection> parsed = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < sections.size(); i++) {
      String at = "sections[" + i + "]";
      JsonObject section = object(sections.getValue(i), at);
      unknownFields(section, SECTION_FIELDS, at + ".");
      String sectionId = id(section, at + ".");
      if (!ids.add("section:" + sectionId)) {
        throw new FormInvalid(at + ".id", "two sections are called " + sectionId);
      }
      String title = text(section, "title", 120, at + ".");
      JsonArray questions = array(section, "questions", MAX_QUESTIONS, at + ".");
      List<FormQuestion> qs = new ArrayList<>();
      for (int j = 0; j < questions.size(); j++) {
        FormQuestion q = question(object(questions.getValue(j), at + ".questions[" + j + "]"),
            at + ".questions[" + j + "].");
        if (!ids.add(q.id())) {
          throw new FormInvalid(at + ".questions[" + j + "].id", "two questions are called " + q.id());
        }
        qs.add(q);
      }
      parsed.add(new FormSection(sectionId, title, qs));
    }
    return new EvaluationForm(id, version, name, parsed);
  }

  private static FormQuestion question(JsonObject q, String at) {
    unknownFields(q, QUESTION_FIELDS, at);
    String id = id(q, at);
    String text = text(q, "text", 300, at);
    int weight = integer(q, "weight", 1, 100, at);
    Object type = q.getValue("type");
    FormQuestion.Kind kind;
    if ("yesno".equals(type)) {
      kind = FormQuestion.Kind.YES_NO;
    } else if ("scale".equals(type)) {
      kind = FormQuestion.Kind.SCALE;
    } else {
      throw new FormInvalid(at + "type", "must be \"yesno\" or \"scale\"");
    }
    int scaleMax = 0;
    if (kind == FormQuestion.Kind.SCALE) {
      scaleMax = integer(q, "scaleMax", 2, MAX_SCALE, at);
    } else if (q.getValue("scaleMax") != null) {
      throw new FormInvalid(at + "scaleMax", "only a scale question has one");
    }
    boolean critical = bool(q, "critical", at);
    if (critical && kind != FormQuestion.Kind.YES_NO) {
      // A scale has no clear "failed": a critical question must be answerable with a plain no.
      throw new FormInvalid(at + "critical", "only a yes/no question can be critical");
    }
    return new FormQuestion(id, text, weight, kind, scaleMax, bool(q, "naAllowed", at), critical);
  }

  /**
   * The answers of an evaluation, {@code {questionId: "yes"|"no"|"na"|mark}}: one for every question, each allowed
   * by its question; refusals name {@code answers.<id>}.
   */
  public Map<String, Answer> answers(JsonObject answers) {
    if (answers == null) {
      throw new FormInvalid("answers", "is required: an object of question id to answer");
    }
    Map<String, FormQuestion> byId = new LinkedHashMap<>();
    questions().forEach(q -> byId.put(q.id(), q));
    for (String given : answers.fieldNames()) {
      if (!byId.containsKey(given)) {
        throw new FormInvalid("answers." + given, "is not a question of form " + id + " version " + version);
      }
    }
    Map<String, Answer> parsed = new LinkedHashMap<>();
    for (FormQuestion q : byId.values()) {
      String at = "answers." + q.id();
      Object value = answers.getValue(q.id());
      if (value == null) {
        throw new FormInvalid(at, "is required");
      }
      if ("na".equals(value)) {
        if (!q.naAllowed()) {
          throw new FormInvalid(at, "may not be \"na\": the question applies to every call");
        }
        parsed.put(q.id(), Answer.NOT_APPLICABLE);
      } else if (q.kind() == FormQuestion.Kind.YES_NO) {
        if (!"yes".equals(value) && !"no".equals(value)) {
          throw new FormInvalid(at, "must be \"yes\" or \"no\"" + (q.naAllowed() ? " or \"na\"" : ""));
        }
        parsed.put(q.id(), "yes".equals(value) ? Answer.YES : Answer.NO);
      } else {
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
            || ((Number) value).longValue() > q.scaleMax()) {
          throw new FormInvalid(at, "must be a whole number from 1 to " + q.scaleMax()
              + (q.naAllowed() ? " or \"na\"" : ""));
        }
        parsed.put(q.id(), Answer.mark(((Number) value).intValue()));
      }
    }
    return parsed;
  }

  /** The wire form (and the stored one) with id and version. */
  public JsonObject toJson() {
    JsonArray out = new JsonArray();
    for (FormSection s : sections) {
      JsonArray qs = new JsonArray();
      for (FormQuestion q : s.questions()) {
        JsonObject json = new JsonObject().put("id", q.id()).put("text", q.text()).put("weight", q.weight())
            .put("type", q.kind().wire).put("naAllowed", q.naAllowed()).put("critical", q.critical());
        if (q.kind() == FormQuestion.Kind.SCALE) {
          json.put("scaleMax", q.scaleMax());
        }
        qs.add(json);
      }
      out.add(new JsonObject().put("id", s.id()).put("title", s.title()).put("questions", qs));
    }
    return new JsonObject().put("id", id).put("version", version).put("name", name).put("sections", out);
  }

  private static void unknownFields(JsonObject object, Set<String> known, String at) {
    for (String name : object.fieldNames()) {
      if (!known.contains(name)) {
        throw new FormInvalid(at + name, "is not a field here (known: " + String.join(", ", known.stream().sorted()
            .toList()) + ")");
      }
    }
  }

  private static JsonObject object(Object value, String at) {
    if (!(value instanceof JsonObject object)) {
      throw new FormInvalid(at, "must be an object");
    }
    return object;
  }

  private static JsonArray array(JsonObject parent, String field, int max, String at) {
    Object value = parent.getValue(field);
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > max) {
      throw new FormInvalid(at + field, "must be a list of 1 to " + max);
    }
    return array;
  }

  private static String id(JsonObject parent, String at) {
    Object value = parent.getValue("id");
    if (!(value instanceof String s) || !ID.matcher(s).matches()) {
      throw new FormInvalid(at + "id", "must be 1 to 40 of a-z 0-9 _ - (starting with a letter or digit)");
    }
    return s;
  }

  private static String text(JsonObject parent, String field, int max, String at) {
    Object value = parent.getValue(field);
    if (!(value instanceof String s) || s.isBlank() || s.strip().length() > max
        || s.chars().anyMatch(c -> c < 0x20)) {
      throw new FormInvalid(at + field, "must be 1 to " + max + " characters on one line");
    }
    return s.strip();
  }

  private static int integer(JsonObject parent, String field, int min, int max, String at) {
    Object value = parent.getValue(field);
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
        || ((Number) value).longValue() > max) {
      throw new FormInvalid(at + field, "must be a whole number from " + min + " to " + max);
    }
    return ((Number) value).intValue();
  }

  private static boolean bool(JsonObject parent, String field, String at) {
    Object value = parent.getValue(field);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean b)) {
      throw new FormInvalid(at + field, "must be true or false");
    }
    return b;
  }
}
