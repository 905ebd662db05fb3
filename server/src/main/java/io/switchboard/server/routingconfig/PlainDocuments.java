package io.switchboard.server.routingconfig;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as the routing factories read them: maps, lists, strings, numbers and booleans all the way down (a
 * JsonObject may hold nested JsonObjects or plain maps depending on where it came from).
 */
final class PlainDocuments {

  private PlainDocuments() {
  }

  static Map<String, Object> map(JsonObject json) {
    Map<String, Object> out = new LinkedHashMap<>();
    json.forEach(e -> out.put(e.getKey(), plain(e.getValue())));
    return out;
  }

  static Object plain(Object value) {
    if (value instanceof JsonObject o) {
      return map(o);
    }
    if (value instanceof Map<?, ?> m) {
      return map(new JsonObject(castMap(m)));
    }
    if (value instanceof JsonArray a) {
      List<Object> out = new ArrayList<>();
      a.forEach(v -> out.add(plain(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      return plain(new JsonArray(new ArrayList<>(l)));
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
