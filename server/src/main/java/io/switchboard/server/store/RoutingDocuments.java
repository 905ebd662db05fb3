package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The routing configuration's documents (docs/routing.md, "Configuration"), versioned: every change of a document
 * (a new content, or its deletion) is a new version of it, and every version is kept. An entry is
 * {@code {_id: "<kind>/<id>", kind, id, version, deleted, doc, author, savedAt, note}}; {@code doc} is null when the
 * version deletes the document.
 */
public interface RoutingDocuments {

  /** The latest version of every document, deleted ones included (their {@code deleted} is true). */
  Future<List<JsonObject>> latest();

  Future<Optional<JsonObject>> latest(String kind, String id);

  /**
   * Stores the next version of a document if its latest stored version is {@code expectedVersion} (0: it has none):
   * the new entry; a {@link StoreConflict} if someone saved in between. Durable when it completes.
   */
  Future<JsonObject> save(String kind, String id, JsonObject docOrNullToDelete, String author, String note,
      long expectedVersion);

  /** Every version of a document, newest first. */
  Future<List<JsonObject>> versions(String kind, String id);

  Future<Optional<JsonObject>> version(String kind, String id, long version);

  /** Remembers the documents of the last configuration that was applied, with its revision. */
  Future<Void> saveApplied(long revision, JsonObject documentsByKind);

  /** {@code {revision, documents}} of the last applied configuration, if any. */
  Future<Optional<JsonObject>> applied();
}
