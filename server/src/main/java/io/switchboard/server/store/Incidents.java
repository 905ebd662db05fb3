package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The {@code incidents} collection: {@code {_id, customerId, priority 1–4, status, title, description, callIds,
 * createdBy, createdAt, updatedAt}}. Priorities as the seed articles rank them: 1 full outage, 2 partial outage,
 * 3 consultation for an unhappy customer, 4 consultation for a loyal customer.
 */
public interface Incidents {

  /** Statuses in which an incident still needs work. */
  List<String> OPEN_STATUSES = List.of("open", "in_progress");
  List<String> STATUSES = List.of("open", "in_progress", "resolved", "closed");

  Future<Void> insert(JsonObject incident);

  Future<Optional<JsonObject>> byId(String id);

  /**
   * Sets the fields of {@code changes}, adds {@code linkCallIds} to {@code callIds} (each once) and stamps
   * {@code updatedAt}; the incident as it is afterwards, or empty when there is no such incident.
   */
  default Future<Optional<JsonObject>> update(String id, JsonObject changes, JsonArray linkCallIds) {
    return update(id, changes, linkCallIds, null);
  }

  /** As {@link #update(String, JsonObject, JsonArray)}, also appending {@code note} (when not null) to {@code notes}. */
  Future<Optional<JsonObject>> update(String id, JsonObject changes, JsonArray linkCallIds, JsonObject note);

  /**
   * The incident a wrap-up of this call created ({@code wrapUpOf}), or empty: a retried wrap-up updates it instead of
   * opening a second one.
   */
  Future<Optional<JsonObject>> createdInWrapUpOf(String callId);

  /** Newest first ({@code _id} descending), at most {@code limit}; each criterion optional (null). */
  Future<List<JsonObject>> find(String customerId, String status, Integer priority, String afterId, int limit);

  /** The customer's incidents in an open status, most urgent first (priority, then newest). */
  Future<List<JsonObject>> openFor(String customerId);
}
