package io.switchboard.server.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.switchboard.server.http.HttpApi;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON request body, checked field by field: every refusal is a 400 naming the field, and a field the endpoint
 * does not know is refused rather than ignored (a typo must not silently drop a change).
 */
final class JsonBody {

  /** Ids in paths and bodies: as calls, customers and incidents are minted. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final JsonObject body;
  /** How error messages name this object's fields: empty at the top, {@code "incident.create."} inside. */
  private final String prefix;

  private JsonBody(JsonObject body) {
    this(body, "");
  }

  private JsonBody(JsonObject body, String prefix) {
    this.body = body;
    this.prefix = prefix;
  }

  /**
   * Reads the body (at most {@link HttpApi#MAX_BODY_BYTES}, no uploads) for the route after it: these routes are
   * mounted before the server's own /api body handler.
   */
  static BodyHandler reader() {
    return BodyHandler.create(false).setBodyLimit(HttpApi.MAX_BODY_BYTES);
  }

  /** The request's body as a JSON object with only {@code allowed} fields: 400 otherwise. */
  static JsonBody of(RoutingContext ctx, Set<String> allowed) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw ApiProblem.badRequest("the body must be a JSON object");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw ApiProblem.badRequest("the body is not well-formed JSON");
    }
    JsonObject object;
    if (parsed instanceof JsonObject json) {
      object = json;
    } else if (parsed instanceof java.util.Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      java.util.Map<String, Object> fields = (java.util.Map<String, Object>) map;
      object = new JsonObject(fields);
    } else {
      throw ApiProblem.badRequest("the body must be a JSON object");
    }
    for (String name : object.fieldNames()) {
      if (!allowed.contains(name)) {
        throw ApiProblem.badRequest("unknown field " + CallFilter.quoted(name));
      }
    }
    return new JsonBody(object);
  }

  /**
   * The object in {@code field} with only {@code allowed} fields, its errors naming {@code field.inner}; null when
   * absent (or null) and not required.
   */
  JsonBody object(String field, Set<String> allowed, boolean required) {
    Object value = body.getValue(field);
    if (value == null) {
      if (required) {
        throw ApiProblem.badRequest(prefix + field + " is required");
      }
      return null;
    }
    if (!(value instanceof JsonObject object)) {
      throw ApiProblem.badRequest(prefix + field + " must be an object");
    }
    for (String name : object.fieldNames()) {
      if (!allowed.contains(name)) {
        throw ApiProblem.badRequest("unknown field " + CallFilter.quoted(prefix + field + "." + name));
      }
    }
    return new JsonBody(object, prefix + field + ".");
  }

  /**
   * Free text of at most {@code max} characters (line breaks and tabs allowed, other control characters not), kept
   * as written; empty when absent or null.
   */
  String text(String field, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      return "";
    }
    if (!(value instanceof String s)) {
      throw ApiProblem.badRequest(prefix + field + " must be a string");
    }
    if (s.length() > max) {
      throw ApiProblem.badRequest(prefix + field + " must be at most " + max + " characters, was " + s.length());
    }
    if (s.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
      throw ApiProblem.badRequest(prefix + field + " must not contain control characters");
    }
    return s.strip();
  }

  /** The object itself, for callers that check its fields one by one and report each with its path. */
  JsonObject json() {
    return body.copy();
  }

  boolean has(String field) {
    return body.containsKey(field);
  }

  boolean isEmpty() {
    return body.isEmpty();
  }

  /** A string of 1–{@code max} characters after trimming; null when absent (or null) and not required. */
  String string(String field, int max, boolean required) {
    Object value = body.getValue(field);
    if (value == null) {
      if (required) {
        throw ApiProblem.badRequest(prefix + field + " is required");
      }
      return null;
    }
    if (!(value instanceof String s)) {
      throw ApiProblem.badRequest(prefix + field + " must be a string");
    }
    String trimmed = s.strip();
    if (trimmed.isEmpty() || trimmed.length() > max || trimmed.chars().anyMatch(c -> c < 0x20 && c != '\n'
        && c != '\t')) {
      throw ApiProblem.badRequest(prefix + field + " must be 1 to " + max
          + " characters without control characters");
    }
    return trimmed;
  }

  /** An id (as {@link #ID}); null when absent and not required. */
  String id(String field, boolean required) {
    String value = string(field, 64, required);
    if (value != null && !ID.matcher(value).matches()) {
      throw ApiProblem.badRequest(prefix + field + " must be 1 to 64 of A-Z a-z 0-9 . _ : -");
    }
    return value;
  }

  boolean bool(String field, boolean absent) {
    Object value = body.getValue(field);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Boolean b)) {
      throw ApiProblem.badRequest(prefix + field + " must be true or false");
    }
    return b;
  }

  /** A whole number in {@code [min, max]}; null when absent and not required. */
  Integer integer(String field, int min, int max, boolean required) {
    Object value = body.getValue(field);
    if (value == null) {
      if (required) {
        throw ApiProblem.badRequest(prefix + field + " is required");
      }
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
        || ((Number) value).longValue() > max) {
      throw ApiProblem.badRequest(prefix + field + " must be a whole number from " + min + " to " + max);
    }
    return ((Number) value).intValue();
  }

  /** A string from {@code allowed}; null when absent and not required. */
  String oneOf(String field, List<String> allowed, boolean required) {
    String value = string(field, 64, required);
    if (value != null && !allowed.contains(value)) {
      throw ApiProblem.badRequest(prefix + field + " must be one of " + allowed);
    }
    return value;
  }

  /** An array of at most {@code maxItems} strings, each checked like {@link #string}; empty when absent. */
  List<String> strings(String field, int maxItems, int maxLength) {
    Object value = body.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw ApiProblem.badRequest(prefix + field + " must be an array of strings");
    }
    if (array.size() > maxItems) {
      throw ApiProblem.badRequest(prefix + field + " must have at most " + maxItems + " items");
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonBody item = new JsonBody(new JsonObject().put(field + "[" + i + "]", array.getValue(i)), prefix);
      String s = item.string(field + "[" + i + "]", maxLength, true);
      if (!items.contains(s)) {
        items.add(s);
      }
    }
    return items;
  }

  /** Like {@link #strings}, each an id. */
  List<String> ids(String field, int maxItems) {
    List<String> ids = strings(field, maxItems, 64);
    for (int i = 0; i < ids.size(); i++) {
      if (!ID.matcher(ids.get(i)).matches()) {
        throw ApiProblem.badRequest(prefix + field + "[" + i + "] must be 1 to 64 of A-Z a-z 0-9 . _ : -");
      }
    }
    return ids;
  }
}
