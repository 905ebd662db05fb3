package io.switchboard.routing.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed reads of one configuration document. A bad field adds a problem naming the document and the field
 * ({@code "queue support: wrapUp: expected whole seconds 0..3600, got 'x'"}) and gives the default, so one pass
 * finds every problem of the document.
 */
final class Fields {

  /** Ids of every kind: they appear in URLs, logs and MongoDB keys. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  final String place;
  final Map<?, ?> map;
  private final List<String> problems;

  Fields(String place, Map<?, ?> map, List<String> problems) {
    this.place = place;
    this.map = map;
    this.problems = problems;
  }

  void problem(String text) {
    problems.add(place + ": " + text);
  }

  boolean has(String key) {
    return map.get(key) != null;
  }

  /** Reports every key not in {@code known} (a misspelt field would otherwise be silently ignored). */
  void onlyKnown(Set<String> known) {
    for (Object key : map.keySet()) {
      if (!known.contains(String.valueOf(key))) {
        problem("unknown field '" + key + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }

  String str(String key, String otherwise) {
    Object v = map.get(key);
    if (v == null) {
      return otherwise;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      problem(key + ": expected a non-empty string, got " + describe(v));
      return otherwise;
    }
    if (s.length() > 200) {
      problem(key + ": at most 200 characters, got " + s.length());
      return otherwise;
    }
    return s;
  }

  String id(String key, String otherwise) {
    String s = str(key, null);
    if (s == null) {
      return otherwise;
    }
    if (!ID.matcher(s).matches()) {
      problem(key + ": '" + s + "' is not an id (letters, digits, '_', '.', '-'; at most 64)");
      return otherwise;
    }
    return s;
  }

  int integer(String key, int otherwise, int min, int max) {
    Object v = map.get(key);
    if (v == null) {
      return otherwise;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < min
        || n.doubleValue() > max) {
      problem(key + ": expected a whole number " + min + ".." + max + ", got " + describe(v));
      return otherwise;
    }
    return n.intValue();
  }

  Duration seconds(String key, int otherwise, int min, int max) {
    Object v = map.get(key);
    if (v != null && (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < min || n.doubleValue() > max)) {
      problem(key + ": expected whole seconds " + min + ".." + max + ", got " + describe(v));
      return Duration.ofSeconds(otherwise);
    }
    return Duration.ofSeconds(integer(key, otherwise, min, max));
  }

  boolean bool(String key, boolean otherwise) {
    Object v = map.get(key);
    if (v == null) {
      return otherwise;
    }
    if (!(v instanceof Boolean b)) {
      problem(key + ": expected true or false, got " + describe(v));
      return otherwise;
    }
    return b;
  }

  /** The nested object under {@code key}, or null (with a problem when present but not an object). */
  Map<?, ?> object(String key) {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map<?, ?> m)) {
      problem(key + ": expected an object, got " + describe(v));
      return null;
    }
    return m;
  }

  List<?> list(String key) {
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      problem(key + ": expected a list, got " + describe(v));
      return List.of();
    }
    return l;
  }

  /** A list of ids, each checked with {@link #ID}, duplicates reported. */
  List<String> ids(String key) {
    List<String> out = new ArrayList<>();
    for (Object o : list(key)) {
      if (!(o instanceof String s) || !ID.matcher(s).matches()) {
        problem(key + ": " + describe(o) + " is not an id");
      } else if (out.contains(s)) {
        problem(key + ": '" + s + "' is listed twice");
      } else {
        out.add(s);
      }
    }
    return out;
  }

  <T> T nested(String key, Function<Fields, T> reader) {
    Map<?, ?> m = object(key);
    return m == null ? null : reader.apply(new Fields(place + ": " + key, m, problems));
  }

  static String describe(Object v) {
    if (v == null) {
      return "nothing";
    }
    String text = v instanceof String s ? "'" + s + "'" : v.getClass().getSimpleName() + " " + v;
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
