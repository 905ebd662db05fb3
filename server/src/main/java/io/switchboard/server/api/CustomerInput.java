package io.switchboard.server.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A customer as {@code POST} / {@code PUT /api/customers} take it, validated into the stored document. */
final class CustomerInput {

  static final Set<String> FIELDS = Set.of("numbers", "name", "segment", "personalManager", "backupManagers",
      "vip", "blacklisted", "tags");
  static final int MAX_NUMBERS = 10;

  private CustomerInput() {
  }

  /**
   * The stored document for {@code id}: {@code numbers} (1–10, normalised to E.164) and {@code name} required, the
   * rest optional with defaults. {@code createdAt} is set here and kept by the store on a replace.
   */
  static JsonObject document(RoutingContext ctx, String id) {
    JsonBody body = JsonBody.of(ctx, FIELDS);
    List<String> raw = body.strings("numbers", MAX_NUMBERS, 32);
    if (raw.isEmpty()) {
      throw ApiProblem.badRequest("numbers must have 1 to " + MAX_NUMBERS + " phone numbers");
    }
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String number = E164.of("numbers[" + i + "]", raw.get(i));
      if (!numbers.contains(number)) {
        numbers.add(number);
      }
    }
    String name = body.string("name", 200, true);
    String segment = body.string("segment", 64, false);
    String manager = body.id("personalManager", false);
    List<String> backups = body.ids("backupManagers", 10);
    List<String> tags = body.strings("tags", 20, 64);
    JsonObject now = date(Instant.now());
    return new JsonObject()
        .put("_id", id)
        .put("numbers", new JsonArray(numbers))
        .put("name", name)
        .put("segment", segment)
        .put("personalManager", manager)
        .put("backupManagers", new JsonArray(backups))
        .put("vip", body.bool("vip", false))
        .put("blacklisted", body.bool("blacklisted", false))
        .put("tags", new JsonArray(tags))
        .put("createdAt", now)
        .put("updatedAt", now);
  }

  static JsonObject date(Instant instant) {
    // MongoDB keeps milliseconds: answer what a later read returns.
    return new JsonObject().put("$date", instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
  }
}
