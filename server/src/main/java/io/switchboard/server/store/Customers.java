package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code customers} collection: {@code {_id, numbers: [E.164…], name, segment, personalManager, backupManagers,
 * vip, blacklisted, tags, createdAt, updatedAt}}. A number belongs to at most one customer (a unique index), so a
 * ringing call finds its caller by one indexed read. Callers validate and normalise; this only stores.
 */
public interface Customers {

  /** Inserts a new customer; fails with {@link StoreConflict} when one of its numbers is already someone's. */
  Future<Void> insert(JsonObject customer);

  /**
   * Replaces the customer with the same {@code _id}, keeping its {@code createdAt}; false when there is none. Fails
   * with {@link StoreConflict} when one of the numbers is another customer's.
   */
  Future<Boolean> replace(JsonObject customer);

  Future<Optional<JsonObject>> byId(String id);

  /** The customer one of whose numbers is {@code e164}, or empty. */
  Future<Optional<JsonObject>> byNumber(String e164);

  /**
   * Customers newest first ({@code _id} descending: ids are minted in time order), at most {@code limit}. Each
   * criterion is optional (null).
   *
   * @param afterId the last id of the previous page
   */
  Future<List<JsonObject>> find(String number, String segment, Boolean vip, String afterId, int limit);

  /** The customers whose personal manager is {@code agentId}, newest first, at most {@code limit}. */
  Future<List<JsonObject>> byPersonalManager(String agentId, int limit);

  /** The calls from any of the customer's numbers, newest first, at most {@code limit}. */
  Future<List<JsonObject>> calls(JsonObject customer, int limit);

  /**
   * Which of {@code numbers} were the customer's side of a call whose record says {@code maskNumbers} (the caller of
   * an inbound call, the callee of an outbound one): the numbers an agent is shown masked (issue 13).
   */
  Future<Set<String>> maskedNumbers(Collection<String> numbers);
}
