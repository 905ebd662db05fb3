package io.switchboard.server.store;

import com.mongodb.MongoWriteException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link Leases} on MongoDB. Times are epoch milliseconds from the node's clock: the embedded store does not evaluate
 * {@code $$NOW} in updates, so the nodes' clocks must agree (NTP) to well within a lease's length; the skew is the
 * margin by which two holders could overlap, which the epoch (fencing) makes harmless for fenced writes.
 */
final class MongoLeases implements Leases {

  static final String LEASES = "leases";
  static final String FENCED = "fenced_state";
  /** MongoDB's duplicate key error (E11000): the insert lost a race with another node's. */
  private static final int DUPLICATE_KEY = 11000;

  private final MongoClient client;
  private final Clock clock;
  private final Durability durability;

  MongoLeases(MongoClient client, Clock clock, Durability durability) {
    this.client = client;
    this.clock = clock;
    this.durability = durability;
  }

  @Override
  public Future<Optional<Lease>> acquire(String name, String owner, Duration duration) {
    long now = clock.millis();
    long until = now + duration.toMillis();
    UpdateOptions returnNew = new UpdateOptions().setReturningNewDocument(true);
    // 1. Renew our own lease while it has not lapsed: same epoch.
    JsonObject ours = new JsonObject().put("_id", name).put("owner", owner)
        .put("until", new JsonObject().put("$gte", now));
    return client.findOneAndUpdateWithOptions(LEASES, ours,
            new JsonObject().put("$set", new JsonObject().put("until", until)), new FindOptions(), returnNew)
        // 2. Take a lapsed lease (anyone's, ours included): a new epoch.
        .compose(renewed -> renewed != null ? Future.succeededFuture(renewed)
            : client.findOneAndUpdateWithOptions(LEASES,
                new JsonObject().put("_id", name).put("until", new JsonObject().put("$lt", now)),
                new JsonObject().put("$set", new JsonObject().put("owner", owner).put("until", until))
                    .put("$inc", new JsonObject().put("epoch", 1L)), new FindOptions(), returnNew))
        // 3. The first lease of that name: whoever inserts first holds it.
        .compose(taken -> taken != null ? Future.succeededFuture(taken) : insert(name, owner, until))
        .compose(document -> document == null ? Future.succeededFuture(Optional.<Lease>empty())
            : durability.commit().map(v -> Optional.of(lease(document))));
  }

  private Future<JsonObject> insert(String name, String owner, long until) {
    JsonObject document = new JsonObject().put("_id", name).put("owner", owner).put("epoch", 1L).put("until", until);
    return client.insert(LEASES, document).map(id -> document)
        .recover(e -> isDuplicateKey(e) ? Future.succeededFuture(null) : Future.failedFuture(e));
  }

  @Override
  public Future<Void> release(Lease lease) {
    return client.updateCollection(LEASES, new JsonObject().put("_id", lease.name()).put("owner", lease.owner())
            .put("epoch", lease.epoch()),
        new JsonObject().put("$set", new JsonObject().put("until", 0L))).compose(v -> durability.commit());
  }

  @Override
  public Future<List<Lease>> live(String prefix) {
    JsonObject query = new JsonObject()
        .put("_id", new JsonObject().put("$regex", "^" + Pattern.quote(prefix)))
        .put("until", new JsonObject().put("$gte", clock.millis()));
    return client.find(LEASES, query).map(documents -> documents.stream().map(MongoLeases::lease).toList());
  }

  @Override
  public Future<Boolean> saveFenced(String name, long epoch, JsonObject state) {
    // Matches only a document written with this epoch or an older one; if a newer one is there, the upsert tries to
    // insert a second document with the same _id and MongoDB refuses it (E11000): the write is fenced off.
    JsonObject query = new JsonObject().put("_id", name).put("epoch", new JsonObject().put("$lte", epoch));
    JsonObject update = new JsonObject().put("$set", new JsonObject().put("epoch", epoch).put("state", state)
        .put("savedAt", clock.millis()));
    return client.updateCollectionWithOptions(FENCED, query, update, new UpdateOptions().setUpsert(true))
        .compose(v -> durability.commit()).map(true)
        .recover(e -> isDuplicateKey(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  @Override
  public Future<Optional<JsonObject>> fencedState(String name) {
    return client.findOne(FENCED, new JsonObject().put("_id", name), null).map(Optional::ofNullable);
  }

  private static Lease lease(JsonObject document) {
    return new Lease(document.getString("_id"), document.getString("owner"), document.getLong("epoch"),
        document.getLong("until"));
  }

  private static boolean isDuplicateKey(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MongoWriteException write && write.getCode() == DUPLICATE_KEY) {
        return true;
      }
      if (t instanceof com.mongodb.MongoCommandException command && command.getErrorCode() == DUPLICATE_KEY) {
        return true;
      }
      if (t.getMessage() != null && t.getMessage().contains("E11000")) {
        return true;
      }
    }
    return false;
  }
}
