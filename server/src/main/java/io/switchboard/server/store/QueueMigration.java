package io.switchboard.server.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Schema step 4 → 5: the {@code queues} collection ({@code {_id, name, dids}}) becomes routing configuration
 * documents: a {@code queue} per queue, a one-step flow {@code queue-<id>} that joins it, and the entry points
 * mapping each E.164 DID to that flow. A DID that is not E.164 ("100", "4930555000") cannot be an entry point (the
 * dialled number is normalised to E.164 before the lookup) and is dropped with a warning. Only what is absent is
 * written, so re-running after a crash changes nothing; the {@code queues} collection itself is left as it was.
 */
final class QueueMigration {

  private static final Logger LOG = Logger.getLogger(QueueMigration.class.getName());
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  static final String AUTHOR = "migration";

  private QueueMigration() {
  }

  static Future<Void> run(MongoClient client) {
    MongoConfigDocuments config = new MongoConfigDocuments(client, Durability.NONE);
    // In id order, so which queue keeps a DID two of them list does not depend on the database.
    return client.findWithOptions(MongoStore.QUEUES, new JsonObject(),
        new FindOptions().setSort(new JsonObject().put("_id", 1))).compose(queues -> {
      List<JsonObject> entries = new ArrayList<>();
      JsonObject numbers = new JsonObject();
      for (JsonObject q : queues) {
        Object rawId = q.getValue("_id");
        if (!(rawId instanceof String id) || !ID.matcher(id).matches()) {
          LOG.warning("Migration: queue " + rawId + " has no usable id (letters, digits, '_', '.', '-'), skipped");
          continue;
        }
        String name = q.getValue("name") instanceof String n && !n.isBlank() ? n : id;
        entries.add(entry("queue", id, new JsonObject().put("id", id).put("name", name)));
        String flow = "queue-" + id;
        entries.add(entry("flow", flow, new JsonObject().put("id", flow).put("entry", "queue")
            .put("steps", new JsonObject().put("queue", new JsonObject().put("type", "queue").put("queue", id)))));
        JsonArray dids = q.getValue("dids") instanceof JsonArray a ? a : new JsonArray();
        for (Object did : dids) {
          if (!(did instanceof String number) || !E164.matcher(number).matches()) {
            LOG.warning("Migration: DID " + did + " of queue " + id + " is not an E.164 number (+ and up to 15"
                + " digits), not made an entry point");
          } else if (numbers.containsKey(number)) {
            LOG.warning("Migration: DID " + number + " is on queues " + numbers.getString(number).substring(6)
                + " and " + id + "; it stays with the first (in id order)");
          } else {
            numbers.put(number, flow);
          }
        }
      }
      if (!numbers.isEmpty()) {
        entries.add(entry("entry-points", "default", new JsonObject().put("id", "default").put("numbers", numbers)));
      }
      Future<Void> chain = Future.succeededFuture();
      for (JsonObject e : entries) {
        chain = chain.compose(v -> config.save(e, 0)).mapEmpty();
      }
      return chain.onSuccess(v -> {
        if (!entries.isEmpty()) {
          LOG.info("Migration: " + queues.size() + " queue(s) became routing configuration documents, "
              + numbers.size() + " entry point(s)");
        }
      });
    });
  }

  static JsonObject entry(String kind, String id, JsonObject doc) {
    return new JsonObject().put("kind", kind).put("id", id).put("version", 1L).put("revision", 0L)
        .put("deleted", false).put("doc", doc).put("author", AUTHOR)
        .put("savedAt", new JsonObject().put("$date", Instant.now().toString()));
  }
}
