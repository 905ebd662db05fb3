package io.switchboard.routing.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Typed reads of one JSON-like map, each failure naming its place ("steps.main.timeout"). */
final class Spec {

  final String path;
  private final Map<?, ?> map;

  Spec(String path, Object value) {
    this.path = path;
    if (!(value instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(path + ": expected an object, got " + describe(value));
    }
    this.map = m;
  }

  Map<?, ?> raw() {
    return map;
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

  int integer(String key, int otherwise, int min, int max) {
    Object v = map.get(key);
    if (v == null) {
      return otherwise;
    }
    if (!(v instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() < min || n.intValue() > max) {
      throw new IllegalArgumentException(path + "." + key + ": expected a whole number " + min + ".." + max
          + ", got " + describe(v));
    }
    return n.intValue();
  }

  /** Seconds, a whole number. */
  Duration seconds(String key, int otherwise, int min, int max) {
    return Duration.ofSeconds(integer(key, otherwise, min, max));
  }

  Spec object(String key) {
    return new Spec(path + "." + key, map.get(key));
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
