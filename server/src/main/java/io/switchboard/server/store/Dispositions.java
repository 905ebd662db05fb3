package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The {@code dispositions} collection: the admin-defined outcomes an agent picks in wrap-up, {@code {_id: code,
 * labels: {en, ru, uk}, active, order, updatedAt}}. A retired disposition is made inactive rather than deleted when
 * calls still name it, so old records keep their label; deleting is allowed, the records then show the code.
 */
public interface Dispositions {

  /** Every disposition, by {@code order} then code. */
  Future<List<JsonObject>> all();

  Future<Optional<JsonObject>> byCode(String code);

  /** Creates or replaces the disposition with this {@code _id} (its code). */
  Future<Void> save(JsonObject disposition);

  /** False when there was none. */
  Future<Boolean> delete(String code);
}
