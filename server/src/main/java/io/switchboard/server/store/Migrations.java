package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The schema version ({@code meta: {_id: "schema", version: N}}) and the steps that bring a database to
 * {@link #CURRENT}. Run at start, in order, each only when the stored version is below its number; the version is
 * written after each step, so a crash in between re-runs one step, and every step is idempotent (creating an
 * existing index, setting only missing fields). A database newer than this server is refused, not downgraded.
 * A database without the document is version 0: everything before customers and incidents existed.
 */
final class Migrations {

  static final String META = "meta";
  static final String SCHEMA = "schema";

  private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

  /** Step {@code i} (from 0) takes the database from version {@code i} to {@code i + 1}. */
  private static final List<Function<MongoClient, Future<Void>>> STEPS = List.of(
      Migrations::customers,
      Migrations::incidents,
      Migrations::customerDefaults,
      Migrations::wrapUpVoicemailsCallbacks,
      QueueMigration::run,
      Migrations::callRollups,
      Migrations::firstContactRollups);

  static final int CURRENT = STEPS.size();

  private Migrations() {
  }

  /** Brings the database to {@link #CURRENT}; the version it is at afterwards. */
  static Future<Integer> run(MongoClient client) {
    return version(client).compose(stored -> {
      if (stored > CURRENT) {
        return Future.failedFuture(new IllegalStateException("the database's schema version " + stored
            + " is newer than this server's (" + CURRENT + "): run a newer Switchboard"));
      }
      Future<Void> chain = Future.succeededFuture();
      for (int v = stored; v < CURRENT; v++) {
        int from = v;
        chain = chain.compose(x -> STEPS.get(from).apply(client))
            .compose(x -> setVersion(client, from + 1))
            .onSuccess(x -> LOG.info(() -> "Database schema migrated from version " + from + " to " + (from + 1)));
      }
      return chain.map(CURRENT);
    });
  }

  static Future<Integer> version(MongoClient client) {
    return client.findOne(META, new JsonObject().put("_id", SCHEMA), null)
        .map(doc -> doc == null ? 0 : doc.getInteger("version", 0));
  }

  private static Future<Void> setVersion(MongoClient client, int version) {
    JsonObject doc = new JsonObject().put("_id", SCHEMA).put("version", version)
        .put("migratedAt", new JsonObject().put("$date", Instant.now().toString()));
    return client.replaceDocumentsWithOptions(META, new JsonObject().put("_id", SCHEMA), doc,
        new UpdateOptions().setUpsert(true)).mapEmpty();
  }

  /** 0 → 1: customers, found by any of their numbers while the call rings; a number is one customer's. */
  private static Future<Void> customers(MongoClient client) {
    return client.createIndexWithOptions(MongoCustomers.CUSTOMERS, new JsonObject().put("numbers", 1),
            new IndexOptions().unique(true).name("numbers_unique"))
        .compose(v -> client.createIndex(MongoCustomers.CUSTOMERS, new JsonObject().put("segment", 1).put("_id", -1)))
        .compose(v -> client.createIndex(MongoCustomers.CUSTOMERS, new JsonObject().put("personalManager", 1)));
  }

  /** 1 → 2: incidents, by customer and status (the card's open incidents), by status and priority, by call. */
  private static Future<Void> incidents(MongoClient client) {
    String incidents = MongoIncidents.INCIDENTS;
    return client.createIndex(incidents, new JsonObject().put("customerId", 1).put("status", 1).put("priority", 1))
        .compose(v -> client.createIndex(incidents, new JsonObject().put("status", 1).put("priority", 1)
            .put("_id", -1)))
        .compose(v -> client.createIndex(incidents, new JsonObject().put("callIds", 1)));
  }

  /**
   * 2 → 3: customers written by version 1 (or imported by hand) may lack the flags and lists; give them their
   * defaults so filters on {@code vip} and the card see every customer the same way.
   */
  private static Future<Void> customerDefaults(MongoClient client) {
    Future<Void> chain = Future.succeededFuture();
    for (var field : List.of(
        new JsonObject().put("vip", false),
        new JsonObject().put("blacklisted", false),
        new JsonObject().put("tags", new JsonArray()),
        new JsonObject().put("backupManagers", new JsonArray()),
        new JsonObject().putNull("segment"),
        new JsonObject().putNull("personalManager"))) {
      String name = field.fieldNames().iterator().next();
      chain = chain.compose(v -> client.updateCollectionWithOptions(MongoCustomers.CUSTOMERS,
          new JsonObject().put(name, new JsonObject().put("$exists", false)), new JsonObject().put("$set", field),
          new UpdateOptions().setMulti(true)).mapEmpty());
    }
    return chain;
  }

  /**
   * 3 → 4: the dispositions agents pick in wrap-up (seeded when there are none, so a new install can wrap up),
   * voicemails by status and caller, callbacks with the one-open-request-per-number key (see {@link MongoCallbacks}).
   */
  private static Future<Void> wrapUpVoicemailsCallbacks(MongoClient client) {
    String voicemails = MongoVoicemails.VOICEMAILS;
    String callbacks = MongoCallbacks.CALLBACKS;
    return client.createIndex(voicemails, new JsonObject().put("status", 1).put("_id", -1))
        .compose(v -> client.createIndex(voicemails, new JsonObject().put("from", 1).put("_id", -1)))
        .compose(v -> client.createIndex(voicemails, new JsonObject().put("customerId", 1).put("_id", -1)))
        .compose(v -> client.createIndexWithOptions(callbacks, new JsonObject().put(MongoCallbacks.OPEN_KEY, 1),
            new IndexOptions().unique(true).name("open_per_number")))
        .compose(v -> client.createIndex(callbacks, new JsonObject().put("status", 1).put("_id", 1)))
        .compose(v -> client.createIndex(callbacks, new JsonObject().put("number", 1).put("_id", 1)))
        .compose(v -> client.createIndex(MongoStore.CALLS, new JsonObject().put("wrapUp.disposition", 1)
            .put("arrivedAt", -1)))
        .compose(v -> client.count(MongoDispositions.DISPOSITIONS, new JsonObject()))
        .compose(count -> count > 0 ? Future.succeededFuture() : seedDispositions(client));
  }

  /**
   * 5 → 6: the hourly roll-ups the calls and announced-wait reports read (docs/api.md, "Roll-ups"), built from the
   * records already stored; from now on the store keeps them current as it writes records.
   */
  private static Future<Void> callRollups(MongoClient client) {
    return new CallRollups(client).rebuildAll();
  }

  /**
   * 6 → 7: each caller number's calls ({@link CallerNumbers}) and the FCR counts and repeated contacts in the
   * roll-ups, so the FCR report and the repeat-contact list read them too: the roll-ups rebuilt from the records.
   */
  private static Future<Void> firstContactRollups(MongoClient client) {
    return new CallRollups(client).rebuildAll();
  }

  private static Future<Void> seedDispositions(MongoClient client) {
    Future<Void> chain = Future.succeededFuture();
    int order = 0;
    for (String[] d : List.of(
        new String[] {"resolved", "Resolved", "Решено", "Вирішено"},
        new String[] {"information", "Information given", "Предоставлена информация", "Надано інформацію"},
        new String[] {"complaint", "Complaint", "Жалоба", "Скарга"},
        new String[] {"sales", "Sales", "Продажа", "Продаж"},
        new String[] {"escalated", "Escalated", "Передано на второй уровень", "Передано на другий рівень"},
        new String[] {"wrong-number", "Wrong number", "Ошиблись номером", "Помилилися номером"})) {
      JsonObject doc = new JsonObject().put("_id", d[0]).put("order", order += 10).put("active", true)
          .put("labels", new JsonObject().put("en", d[1]).put("ru", d[2]).put("uk", d[3]));
      chain = chain.compose(v -> client.replaceDocumentsWithOptions(MongoDispositions.DISPOSITIONS,
          new JsonObject().put("_id", doc.getString("_id")), doc, new UpdateOptions().setUpsert(true)).mapEmpty());
    }
    return chain;
  }
}
