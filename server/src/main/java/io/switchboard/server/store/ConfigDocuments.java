package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Routing configuration documents with every version kept (docs/routing.md, "Configuration"). The versioning rules
 * (validation, revisions, rollback) live in {@code io.switchboard.server.routingconfig}; this is only their storage.
 *
 * <p>An entry is {@code {_id: "<kind>/<id>", kind, id, version, revision, deleted, doc, author, savedAt}}: the
 * current version in {@code config}, every version (the current one too) in {@code config_history} under
 * {@code "<kind>/<id>@<version>"}. A deleted object keeps its entry with {@code deleted: true} and no {@code doc},
 * so its versions go on counting and a rollback brings it back. {@code config_state} holds the last applied
 * configuration ({@code _id: "applied"}: its revision and every document), which a server falls back to when the
 * stored documents do not form a valid configuration.
 */
public interface ConfigDocuments {

  /** Every current entry, deleted ones included, in {@code _id} order. */
  Future<List<JsonObject>> all();

  /** The current entry of one object, or empty. */
  Future<Optional<JsonObject>> entry(String kind, String id);

  /** Every stored version of one object, newest first. */
  Future<List<JsonObject>> versions(String kind, String id);

  /** One stored version, or empty. */
  Future<Optional<JsonObject>> version(String kind, String id, long version);

  /**
   * Writes {@code entry} as the object's current version if the stored one still has {@code expectedVersion} (0:
   * there must be none); then keeps it in the history. Succeeds with false, writing nothing, when another change
   * came first.
   */
  Future<Boolean> save(JsonObject entry, long expectedVersion);

  /** The last applied configuration's state, or empty before the first. */
  Future<Optional<JsonObject>> applied();

  /** Replaces the last applied configuration's state. */
  Future<Void> saveApplied(JsonObject state);
}
