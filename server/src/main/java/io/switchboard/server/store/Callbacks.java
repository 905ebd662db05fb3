package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The {@code callbacks} collection: requests to call a caller back, {@code {_id: "cb-…", number (E.164),
 * customerId|null, queueId, priority, reason, callId, status, attempts, requestedAt, updatedAt, assignedTo|null,
 * notes}}.
 *
 * <p>One callback per caller, not per attempt: while a request for a number is <em>open</em> ({@code pending} or
 * {@code in_progress}) no second open request for that number is stored. The rule is a unique index on a key the
 * store keeps beside the fields above ({@code openKey}: the number while open, the request's own id after), so it
 * holds under concurrent writers and on every MongoDB, the embedded one included, without partial indexes.
 */
public interface Callbacks {

  List<String> REASONS = List.of("requested", "abandoned", "missed", "voicemail");
  List<String> STATUSES = List.of("pending", "in_progress", "done", "failed", "cancelled");
  /** The statuses in which a request still stands: a number has at most one request in them. */
  List<String> OPEN_STATUSES = List.of("pending", "in_progress");

  /**
   * Stores {@code request} unless the number already has an open request: true when stored, false when refused.
   * Durable as {@link Store#saveCall} when it succeeds.
   */
  Future<Boolean> bookIfNone(JsonObject request);

  /**
   * Creates or replaces the request with this {@code _id}. Fails with {@link StoreConflict} when it is open and its
   * number already has another open request. Durable as {@link Store#saveCall}.
   */
  Future<Void> save(JsonObject request);

  Future<Optional<JsonObject>> byId(String id);

  /** The open request for this number, or empty. */
  Future<Optional<JsonObject>> openFor(String e164);

  /** Oldest request first ({@code _id} ascending: callers are called back in order), at most {@code query.limit()}. */
  Future<List<JsonObject>> find(CallbackQuery query);

  /**
   * Sets the fields of {@code changes} (status, assignedTo, notes, attempts…) and stamps {@code updatedAt}; the request
   * afterwards, or empty when there is none. Fails with {@link StoreConflict} when this reopens a request whose number
   * has another open one.
   */
  Future<Optional<JsonObject>> update(String id, JsonObject changes);
}
