package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Leases in the shared MongoDB: one document per name, {@code {_id, owner, epoch, until}}. The ground for the
 * cluster's leader election and node liveness (docs/scale.md): a lease is taken and renewed with single-document
 * conditional updates, which MongoDB applies atomically, so two nodes can never both hold it at the same instant of
 * the database's order of writes.
 */
public interface Leases {

  /**
   * Renews the lease if {@code owner} holds it and it has not lapsed, else takes it if it has lapsed or never
   * existed (the epoch then grows). Empty when another node holds it.
   */
  Future<Optional<Lease>> acquire(String name, String owner, Duration duration);

  /** Gives the lease up at once (a graceful stop) if {@code lease} is still the current one; else does nothing. */
  Future<Void> release(Lease lease);

  /** The leases whose name starts with {@code prefix} and that have not lapsed. */
  Future<List<Lease>> live(String prefix);

  /**
   * Writes {@code state} under {@code name} on behalf of the holder of {@code epoch}: refused (false) when a holder
   * with a newer epoch has written it since. This is the fencing check on the resource side: a leader paused past
   * its lease (GC, partition) cannot overwrite what its successor wrote.
   */
  Future<Boolean> saveFenced(String name, long epoch, JsonObject state);

  /** The state last written with {@link #saveFenced}, with its {@code epoch}; empty if none. */
  Future<Optional<JsonObject>> fencedState(String name);
}
