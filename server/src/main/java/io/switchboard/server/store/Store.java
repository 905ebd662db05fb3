package io.switchboard.server.store;

import io.switchboard.signaling.AgentAccount;
import io.switchboard.server.config.MongoConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Switchboard's persistent data. The only way into MongoDB: no other package talks to the database, so the schema
 * and the subset of MongoDB we rely on (what both the embedded server and a real replica set support) live here.
 */
public interface Store {

  /**
   * Opens the store: connects to {@code config.uri()}, or, when it is empty, first starts the embedded MongoDB on
   * {@code <dataDir>/mongo.mv.db} (creating the folder) bound to 127.0.0.1.
   */
  static Future<Store> open(Vertx vertx, MongoConfig config, Path dataDir) {
    return MongoStore.open(vertx, config, dataDir, StoreLatency.NONE);
  }

  /** As {@link #open(Vertx, MongoConfig, Path)}, timing every MongoDB command for the metrics. */
  static Future<Store> open(Vertx vertx, MongoConfig config, Path dataDir, StoreLatency latency) {
    return MongoStore.open(vertx, config, dataDir, latency);
  }

  /** Succeeds when the database answers a round trip. */
  Future<Void> ping();

  /** Stores {@code value} under {@code key} in the settings collection, replacing what was there. */
  Future<Void> putSetting(String key, JsonObject value);

  /** The value stored under {@code key}, or empty. */
  Future<Optional<JsonObject>> setting(String key);

  /**
   * Writes a call's history record (CDR); its {@code _id} is the call id, so writing it twice keeps one. Sets the
   * record's fields ({@code $set}) rather than replacing the document, so what others wrote into it (the agent's
   * {@code wrapUp}) stays. Succeeds once the record would survive a crash of this process (the embedded MongoDB
   * commits its file first).
   */
  Future<Void> saveCall(JsonObject record);

  /**
   * The history records still marked {@code outcome: "in_progress"}: at start-up, the calls a crash interrupted
   * (a running server writes the final record when a call ends).
   */
  Future<List<JsonObject>> callsInProgress();

  /** The history record of a call, or empty. */
  Future<Optional<JsonObject>> call(String id);

  /** The most recent history records, newest first. */
  Future<List<JsonObject>> recentCalls(int limit);

  /**
   * History records matching {@code query}, newest first ({@code arrivedAt} then {@code _id}, descending), at most
   * {@code query.limit()} of them. Dates come back as {@code {"$date": "<ISO-8601>"}}.
   */
  Future<List<JsonObject>> findCalls(CallQuery query);

  /**
   * Appends an entry to the audit log ({@code audit} collection), e.g. someone listened to a recording. The entry
   * gets a fresh {@code _id}; {@code at} should be {@code {"$date": …}}. Succeeds once the database acknowledged it.
   */
  Future<Void> saveAudit(JsonObject entry);

  /** Audit entries about this call ({@code callId}), or all when null, newest first, at most {@code limit}. */
  Future<List<JsonObject>> audit(String callId, int limit);

  /**
   * Audit entries newest first, each filter optional (null): the call, an action or action prefix ending in '.'
   * ({@code config.}), the username of whoever acted.
   */
  Future<List<JsonObject>> audit(String callId, String action, String username, int limit);

  /** Every account (agents, supervisors, admins) by username; password hashes included, for the server only. */
  Future<List<AgentAccount>> accounts();

  /** The account with this id, or empty. */
  Future<Optional<AgentAccount>> account(String id);

  /** The agent account with this user name, or empty. */
  Future<Optional<AgentAccount>> agentByUsername(String username);

  /** The display name of the agent account with this id, or empty (no such account). */
  Future<Optional<String>> agentName(String id);

  /** Creates or replaces an agent account (by id). */
  Future<Void> saveAgent(AgentAccount agent);

  /** Trunk documents: {@code {_id: name, allowedSources: [...], dids: [...]}}. */
  Future<List<JsonObject>> trunks();

  /** Creates or replaces a trunk document (by {@code _id}). */
  Future<Void> saveTrunk(JsonObject trunk);

  /** Queue documents: {@code {_id, name, dids: [...]}}. */
  Future<List<JsonObject>> queues();

  /** Creates or replaces a queue document (by {@code _id}). */
  Future<Void> saveQueue(JsonObject queue);

  /** Routing configuration documents and their versions (docs/routing.md, "Configuration"). */
  ConfigDocuments routingConfig();

  /** Customers (CRM): who calls, found by number. */
  Customers customers();

  /** Incidents customers have, by the seed articles' priorities. */
  Incidents incidents();

  /** Voicemails callers left (call control writes them, the API lists them). */
  Voicemails voicemails();

  /** Callback requests, one open request per caller's number. */
  Callbacks callbacks();

  /** The admin-defined dispositions an agent picks in wrap-up. */
  Dispositions dispositions();

  /** Reports over the call history, computed by aggregation pipelines. */
  Reports reports();


  /**
   * Sets the call record's {@code wrapUp} (the agent's disposition, notes, first-contact resolution, incident), leaving
   * every other field as it is; false when there is no record for {@code callId}. Durable as {@link #saveCall}.
   */
  Future<Boolean> saveWrapUp(String callId, JsonObject wrapUp);

  /**
   * The card a ringing agent sees for the caller {@code e164} (docs/protocol.md, {@code call.offer}'s
   * {@code customer}), or null (the future succeeds with null) when no customer has that number.
   */
  Future<JsonObject> callerCard(String e164);

  /** Where the data lives, for people: the embedded file's folder or the redacted URI. */
  String description();

  /**
   * Closes the client, then (when embedded) the embedded server, which flushes its file. Idempotent: every call
   * returns the same future.
   */
  Future<Void> close();
}
