package io.switchboard.server.store;

import io.switchboard.signaling.AgentAccount;
import io.switchboard.server.config.MongoConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.UpdateOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The store on MongoDB through the Vert.x client (the official reactive-streams driver underneath). */
final class MongoStore implements Store {

  static final String SETTINGS = "settings";
  static final String CALLS = "calls";
  static final String AGENTS = "agents";
  static final String TRUNKS = "trunks";
  static final String QUEUES = "queues";
  static final String AUDIT = "audit";
  /** The outcome of a call's record while the call is up (docs/design.md, "The history record"). */
  static final String IN_PROGRESS = "in_progress";
  // The driver's own server selection gives up after 30 s; a start-up that hangs that long looks dead.
  private static final long FIRST_PING_TIMEOUT_SECONDS = 15;
  private static final long ROLLUP_REFRESH_MS = 30_000;

  private final Vertx vertx;
  private final MongoClient client;
  private final EmbeddedMongo embedded; // null with an external MongoDB
  private final String description;
  private final Customers customers;
  private final Incidents incidents;
  private final CallerCards cards;
  private final Voicemails voicemails;
  private final Callbacks callbacks;
  private final Dispositions dispositions;
  private final Reports reports;
  private final ConfigDocuments routingConfig;
  private final MongoQualityRecords quality;
  private final Leases leases;
  private final CallRollups rollups;
  private final long rollupTimer;
  private Future<Void> closed;

  private MongoStore(Vertx vertx, MongoClient client, EmbeddedMongo embedded, String description) {
    this.vertx = vertx;
    this.client = client;
    this.embedded = embedded;
    this.description = description;
    this.customers = new MongoCustomers(client);
    this.incidents = new MongoIncidents(client);
    this.cards = new CallerCards(client, customers, incidents);
    Durability durability = embedded == null ? Durability.NONE : () -> embedded.commit(vertx);
    this.voicemails = new MongoVoicemails(client, durability);
    this.callbacks = new MongoCallbacks(client, durability);
    this.dispositions = new MongoDispositions(client);
    this.rollups = new CallRollups(client);
    this.reports = new MongoReports(client, rollups);
    this.routingConfig = new MongoConfigDocuments(client, durability);
    this.quality = new MongoQualityRecords(client, durability);
    this.leases = new MongoLeases(client, java.time.Clock.systemUTC(), durability);
    // Reports bring the roll-ups up to date before answering; this keeps the marks few between reports.
    this.rollupTimer = vertx.setPeriodic(ROLLUP_REFRESH_MS, id -> rollups.refresh());
  }

  static Future<Store> open(Vertx vertx, MongoConfig config, Path dataDir, StoreLatency latency) {
    Future<MongoStore> store;
    if (config.embedded()) {
      store = EmbeddedMongo.start(vertx, dataDir, config.embeddedPort(), config.embeddedCacheMb()).map(embedded -> new MongoStore(vertx,
          client(vertx, clientConfig(embedded.connectionString(), config.database()), latency), embedded,
          embedded.file().getParent() + " (embedded MongoDB)"));
    } else {
      store = Future.succeededFuture(new MongoStore(vertx, client(vertx,
          clientConfig(config.uri(), config.database()), latency), null, "MongoDB at " + config.redactedUri()));
    }
    // Fail at start-up, not on the first call: a database that is down or a driver that refuses the server.
    return store.compose(opened -> opened.ping().timeout(FIRST_PING_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .compose(v -> opened.ensureIndexes())
        .compose(v -> Migrations.run(opened.client))
        .<Store>map(opened)
        .recover(e -> opened.close().transform(closed -> Future.failedFuture(new IllegalStateException(
            opened.description + " does not answer: " + e.getMessage(), e)))));
  }

  /**
   * A client whose commands are timed for the metrics. The settings are Vert.x's own from the same config (its
   * codecs, its event loops for the driver's I/O) plus our command listener: the public API takes either a config or
   * complete settings, so the parser that turns one into the other is borrowed from the client's implementation.
   */
  private static MongoClient client(Vertx vertx, JsonObject config, StoreLatency latency) {
    if (latency == StoreLatency.NONE) {
      return MongoClient.create(vertx, config);
    }
    com.mongodb.MongoClientSettings settings = com.mongodb.MongoClientSettings
        .builder(new io.vertx.ext.mongo.impl.config.MongoClientOptionsParser(vertx, config).settings())
        .addCommandListener(new CommandTimings(latency))
        .build();
    return MongoClient.createWithMongoSettings(vertx, config, java.util.UUID.randomUUID().toString(), settings);
  }

  private static JsonObject clientConfig(String uri, String database) {
    return new JsonObject().put("connection_string", uri).put("db_name", database);
  }

  @Override
  public Future<Void> ping() {
    return client.runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty();
  }

  @Override
  public Future<Void> putSetting(String key, JsonObject value) {
    JsonObject document = new JsonObject().put("_id", key).put("value", value);
    return client.replaceDocumentsWithOptions(SETTINGS, new JsonObject().put("_id", key), document,
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  @Override
  public Future<Optional<JsonObject>> setting(String key) {
    return client.findOne(SETTINGS, new JsonObject().put("_id", key), null)
        .map(document -> Optional.ofNullable(document).map(d -> d.getJsonObject("value")));
  }

  @Override
  public Future<Void> saveCall(JsonObject record) {
    JsonObject fields = record.copy();
    fields.remove("_id"); // immutable: naming it in $set is refused by MongoDB even with the same value
    if (fields.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("a call record needs fields besides _id"));
    }
    String id = record.getString("_id");
    return rollups.mark(id)
        .compose(m -> client.updateCollectionWithOptions(CALLS, new JsonObject().put("_id", id),
            new JsonObject().put("$set", fields), new UpdateOptions().setUpsert(true)))
        .compose(v -> rollups.mark(id))
        .compose(v -> embedded == null ? Future.succeededFuture() : embedded.commit(vertx));
  }

  @Override
  public Future<Boolean> saveWrapUp(String callId, JsonObject wrapUp) {
    return rollups.mark(callId)
        .compose(m -> client.updateCollectionWithOptions(CALLS, new JsonObject().put("_id", callId),
            new JsonObject().put("$set", new JsonObject().put("wrapUp", wrapUp)), new UpdateOptions().setUpsert(false)))
        .compose(result -> rollups.mark(callId).map(result))
        .compose(result -> result.getDocMatched() == 0 ? Future.succeededFuture(false)
            : (embedded == null ? Future.<Void>succeededFuture() : embedded.commit(vertx)).map(true));
  }

  @Override
  public Future<List<JsonObject>> callsInProgress() {
    return client.find(CALLS, new JsonObject().put("outcome", IN_PROGRESS));
  }

  @Override
  public Future<Boolean> closeInterruptedCall(JsonObject record, String node) {
    JsonObject fields = record.copy();
    fields.remove("_id");
    JsonObject query = new JsonObject().put("_id", record.getString("_id")).put("outcome", IN_PROGRESS)
        .put("node", node);
    return rollups.mark(record.getString("_id"))
        .compose(m -> client.updateCollection(CALLS, query, new JsonObject().put("$set", fields)))
        .compose(result -> rollups.mark(record.getString("_id")).map(result))
        .compose(result -> (embedded == null ? Future.<Void>succeededFuture() : embedded.commit(vertx))
            .map(result.getDocMatched() > 0));
  }

  @Override
  public Leases leases() {
    return leases;
  }

  @Override
  public Future<Optional<JsonObject>> call(String id) {
    return client.findOne(CALLS, new JsonObject().put("_id", id), null).map(Optional::ofNullable);
  }

  @Override
  public Future<List<JsonObject>> recentCalls(int limit) {
    return client.findWithOptions(CALLS, new JsonObject(), new FindOptions()
        .setSort(new JsonObject().put("arrivedAt", -1)).setLimit(limit));
  }

  @Override
  public Future<Optional<AgentAccount>> agentByUsername(String username) {
    return client.findOne(AGENTS, new JsonObject().put("username", username), null)
        .map(d -> Optional.ofNullable(d).map(a -> new AgentAccount(a.getString("_id"), a.getString("username"),
            a.getString("name"), a.getString("passwordHash"), roles(a))));
  }

  @Override
  public Future<Optional<String>> agentName(String id) {
    return client.findOne(AGENTS, new JsonObject().put("_id", id), new JsonObject().put("name", 1))
        .map(d -> Optional.ofNullable(d).map(a -> a.getString("name")));
  }

  @Override
  public Future<Void> saveAgent(AgentAccount agent) {
    JsonObject document = new JsonObject().put("_id", agent.id()).put("username", agent.username())
        .put("name", agent.name()).put("passwordHash", agent.passwordHash())
        .put("roles", new JsonArray(agent.roles()));
    return client.replaceDocumentsWithOptions(AGENTS, new JsonObject().put("_id", agent.id()), document,
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  /**
   * An account stored before roles existed is an agent; a role this version does not know is left out (so an account
   * written by a newer version still logs in, with the roles this one understands).
   */
  private static List<String> roles(JsonObject account) {
    JsonArray stored = account.getJsonArray("roles");
    if (stored == null) {
      return List.of(AgentAccount.AGENT);
    }
    return stored.stream().filter(AgentAccount.ROLES::contains).map(String.class::cast).distinct().toList();
  }

  @Override
  public Future<List<JsonObject>> findCalls(CallQuery query) {
    return client.findWithOptions(CALLS, CallQueries.filter(query), new FindOptions()
        .setSort(new JsonObject().put("arrivedAt", -1).put("_id", -1)).setLimit(query.limit()));
  }

  @Override
  public Future<Void> saveAudit(JsonObject entry) {
    JsonObject document = entry.copy();
    document.remove("_id");
    return client.insert(AUDIT, document).mapEmpty();
  }

  @Override
  public Future<List<JsonObject>> audit(String callId, int limit) {
    return audit(callId, null, null, limit);
  }

  @Override
  public Future<List<JsonObject>> audit(String callId, String action, String username, int limit) {
    JsonObject filter = new JsonObject();
    if (callId != null) {
      filter.put("callId", callId);
    }
    if (action != null) {
      // "config." is a prefix (every configuration change); anything else one action. The API allows only
      // [a-z0-9_.-] here, so escaping the dots makes the regular expression literal.
      filter.put("action", action.endsWith(".")
          ? new JsonObject().put("$regex", "^" + action.replace(".", "\\.")) : action);
    }
    if (username != null) {
      filter.put("by.username", username);
    }
    return client.findWithOptions(AUDIT, filter, new FindOptions()
        .setSort(new JsonObject().put("at", -1).put("_id", -1)).setLimit(limit));
  }

  @Override
  public Future<List<AgentAccount>> accounts() {
    return client.findWithOptions(AGENTS, new JsonObject(), new FindOptions()
            .setSort(new JsonObject().put("username", 1)))
        .map(found -> found.stream().map(MongoStore::account).toList());
  }

  @Override
  public Future<Optional<AgentAccount>> account(String id) {
    return client.findOne(AGENTS, new JsonObject().put("_id", id), null)
        .map(d -> Optional.ofNullable(d).map(MongoStore::account));
  }

  private static AgentAccount account(JsonObject a) {
    return new AgentAccount(a.getString("_id"), a.getString("username"), a.getString("name"),
        a.getString("passwordHash"), roles(a));
  }

  @Override
  public Future<List<JsonObject>> trunks() {
    return client.find(TRUNKS, new JsonObject());
  }

  @Override
  public Future<Void> saveTrunk(JsonObject trunk) {
    return client.replaceDocumentsWithOptions(TRUNKS, new JsonObject().put("_id", trunk.getString("_id")), trunk,
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  @Override
  public Future<List<JsonObject>> queues() {
    return client.find(QUEUES, new JsonObject());
  }

  @Override
  public Future<Void> saveQueue(JsonObject queue) {
    return client.replaceDocumentsWithOptions(QUEUES, new JsonObject().put("_id", queue.getString("_id")), queue,
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  /** Indexes the queries rely on; creating an existing index is a no-op. */
  private Future<Void> ensureIndexes() {
    return client.createIndexWithOptions(AGENTS, new JsonObject().put("username", 1),
            new IndexOptions().unique(true))
        .compose(v -> client.createIndex(CALLS, new JsonObject().put("arrivedAt", -1)))
        .compose(v -> ensureHistoryIndexes())
        .compose(v -> reports.ensureIndexes())
        .compose(v -> quality.ensureIndexes());
  }

  /** For the history API's filters (each with the sort order, newest first) and the audit log. */
  private Future<Void> ensureHistoryIndexes() {
    return client.createIndex(CALLS, new JsonObject().put("agent.id", 1).put("arrivedAt", -1))
        .compose(v -> client.createIndex(CALLS, new JsonObject().put("queue.id", 1).put("arrivedAt", -1)))
        .compose(v -> client.createIndex(CALLS, new JsonObject().put("from", 1).put("arrivedAt", -1)))
        .compose(v -> client.createIndex(CALLS, new JsonObject().put("to", 1).put("arrivedAt", -1)))
        .compose(v -> client.createIndex(AUDIT, new JsonObject().put("callId", 1).put("at", -1)));
  }

  @Override
  public ConfigDocuments routingConfig() {
    return routingConfig;
  }

  @Override
  public Customers customers() {
    return customers;
  }

  @Override
  public Incidents incidents() {
    return incidents;
  }

  @Override
  public Voicemails voicemails() {
    return voicemails;
  }

  @Override
  public Callbacks callbacks() {
    return callbacks;
  }

  @Override
  public Dispositions dispositions() {
    return dispositions;
  }

  @Override
  public Reports reports() {
    return reports;
  }

  @Override
  public QualityRecords quality() {
    return quality;
  }


  @Override
  public Future<JsonObject> callerCard(String e164) {
    return cards.card(e164);
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public synchronized Future<Void> close() {
    if (closed == null) {
      vertx.cancelTimer(rollupTimer);
      // The client first: the embedded server must not vanish under open connections and cursors.
      closed = client.close().eventually(() -> embedded == null ? Future.succeededFuture() : embedded.stop(vertx));
    }
    return closed;
  }
}
