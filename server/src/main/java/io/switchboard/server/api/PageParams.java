package io.switchboard.server.api;

import io.vertx.core.MultiMap;
import java.util.Set;

/**
 * Query parameters of the customer and incident lists: only the known ones (an unknown one is a 400, as on
 * {@code /api/calls}), each at most once, and {@code limit} / {@code cursor} for keyset pages by id.
 */
final class PageParams {

  private final MultiMap params;

  private PageParams(MultiMap params) {
    this.params = params;
  }

  static PageParams of(MultiMap params, Set<String> known) {
    for (String name : params.names()) {
      if (!known.contains(name) && !name.equals("limit") && !name.equals("cursor")) {
        throw ApiProblem.badRequest("unknown parameter " + CallFilter.quoted(name));
      }
    }
    return new PageParams(params);
  }

  String text(String name, int max) {
    String value = CallFilter.single(params, name);
    if (value != null && (value.length() > max || value.chars().anyMatch(c -> c < 0x20))) {
      throw ApiProblem.badRequest(name + " must be 1 to " + max + " characters");
    }
    return value;
  }

  String id(String name) {
    String value = CallFilter.single(params, name);
    if (value != null && !JsonBody.ID.matcher(value).matches()) {
      throw ApiProblem.badRequest(name + " must be 1 to 64 of A-Z a-z 0-9 . _ : -");
    }
    return value;
  }

  Boolean bool(String name) {
    String value = CallFilter.single(params, name);
    if (value == null) {
      return null;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw ApiProblem.badRequest(name + " must be true or false");
    }
    return Boolean.valueOf(value);
  }

  Integer integer(String name, int min, int max) {
    String value = CallFilter.single(params, name);
    if (value == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiProblem.badRequest(name + " must be a whole number from " + min + " to " + max);
  }

  int limit() {
    Integer limit = integer("limit", 1, CallFilter.MAX_LIMIT);
    return limit == null ? CallFilter.DEFAULT_LIMIT : limit;
  }

  /** The last id of the previous page. */
  String cursor() {
    return id("cursor");
  }
}
