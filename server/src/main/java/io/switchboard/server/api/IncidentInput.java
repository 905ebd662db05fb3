package io.switchboard.server.api;

import io.switchboard.server.store.Incidents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An incident as {@code POST /api/incidents} creates it and {@code PATCH /api/incidents/{id}} changes it. Priority
 * as the seed articles rank them: 1 full outage, 2 partial outage, 3 consultation for an unhappy customer,
 * 4 consultation for a loyal customer.
 */
final class IncidentInput {

  static final Set<String> CREATE_FIELDS = Set.of("customerId", "priority", "status", "title", "description",
      "callIds");
  static final Set<String> PATCH_FIELDS = Set.of("priority", "status", "title", "description", "linkCallIds");
  static final int MAX_CALLS = 100;

  /** A new incident's document, and the calls it names (which must exist). */
  record Created(JsonObject document, List<String> callIds) {
  }

  /** The fields to set and the calls to link. */
  record Patch(JsonObject changes, List<String> linkCallIds) {
    JsonArray links() {
      return new JsonArray(linkCallIds);
    }
  }

  private IncidentInput() {
  }

  static Created create(RoutingContext ctx, String id, String createdBy) {
    JsonBody body = JsonBody.of(ctx, CREATE_FIELDS);
    String customerId = body.id("customerId", true);
    int priority = body.integer("priority", 1, 4, true);
    String status = body.oneOf("status", Incidents.STATUSES, false);
    String title = body.string("title", 200, true);
    String description = body.string("description", 10_000, false);
    List<String> callIds = body.ids("callIds", MAX_CALLS);
    JsonObject now = CustomerInput.date(Instant.now());
    JsonObject document = new JsonObject()
        .put("_id", id)
        .put("customerId", customerId)
        .put("priority", priority)
        .put("status", status == null ? "open" : status)
        .put("title", title)
        .put("description", description)
        .put("callIds", new JsonArray(callIds))
        .put("createdBy", createdBy)
        .put("createdAt", now)
        .put("updatedAt", now);
    return new Created(document, callIds);
  }

  static Patch patch(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx, PATCH_FIELDS);
    if (body.isEmpty()) {
      throw ApiProblem.badRequest("nothing to change: give one of " + PATCH_FIELDS);
    }
    JsonObject changes = new JsonObject();
    if (body.has("priority")) {
      changes.put("priority", body.integer("priority", 1, 4, true));
    }
    if (body.has("status")) {
      changes.put("status", body.oneOf("status", Incidents.STATUSES, true));
    }
    if (body.has("title")) {
      changes.put("title", body.string("title", 200, true));
    }
    if (body.has("description")) {
      // null clears it
      changes.put("description", body.string("description", 10_000, false));
    }
    return new Patch(changes, body.ids("linkCallIds", MAX_CALLS));
  }
}
