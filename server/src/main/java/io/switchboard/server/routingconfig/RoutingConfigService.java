package io.switchboard.server.routingconfig;

import io.switchboard.routing.config.ConfigRejection;
import io.switchboard.routing.config.ConfigurationFactory;
import io.switchboard.routing.config.RoutingConfiguration;
import io.switchboard.server.store.RoutingDocuments;
import io.switchboard.server.store.Store;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The routing configuration, live. Documents are stored versioned ({@link RoutingDocuments}); every change is
 * checked by building the whole configuration it would give, and is stored and applied only if that succeeds, so a
 * change can never leave routing broken. Rollback stores the previous version as a new one. Listeners (call
 * control) get each applied configuration on the context that opened the service. Changes run one at a time.
 */
public final class RoutingConfigService {
  private static final Logger LOG = Logger.getLogger(RoutingConfigService.class.getName());

  private final Context context;
  private final RoutingDocuments documents;
  private final List<Consumer<RoutingConfiguration>> listeners = new ArrayList<>();
  /** The latest entry of every document (deleted ones too), by "kind/id". */
  private final Map<String, JsonObject> latest = new LinkedHashMap<>();
  private RoutingConfiguration current;
  private Future<?> tail = Future.succeededFuture();

  private RoutingConfigService(Vertx vertx, RoutingDocuments documents) {
    this.context = vertx.getOrCreateContext();
    this.documents = documents;
  }

  /**
   * Loads the stored documents and builds the configuration. With none stored, {@code seed} (the demo's, or
   * those made from an older version's queues) are stored first. Stored documents that do not build (edited in the
   * database by hand) are logged with every problem, and the last applied configuration is used instead.
   */
  public static Future<RoutingConfigService> open(Vertx vertx, Store store,
      Supplier<Future<Map<String, List<JsonObject>>>> seed) {
    RoutingConfigService service = new RoutingConfigService(vertx, store.routingDocuments());
    return service.documents.latest().compose(entries -> {
      if (!entries.isEmpty()) {
        return Future.succeededFuture(entries);
      }
      return seed.get().compose(docs -> service.seed(docs)).compose(v -> service.documents.latest());
    }).compose(entries -> {
      entries.forEach(e -> service.latest.put(e.getString("_id"), e));
      return service.documents.applied();
    }).map(applied -> {
      long revision = applied.map(a -> a.getLong("revision", 0L)).orElse(0L);
      try {
        service.current = ConfigurationFactory.create(Math.max(1, revision), plain(service.byKind(null, null, null)));
      } catch (ConfigRejection e) {
        LOG.severe("the stored routing configuration does not build; using the last applied one (revision "
            + revision + "). Problems: " + String.join("; ", e.problems()));
        service.current = applied.map(a -> lastApplied(a)).orElse(RoutingConfiguration.empty());
      }
      LOG.info(() -> "routing configuration revision " + service.current.revision() + ": "
          + service.current.queues().size() + " queue(s), " + service.current.flows().size() + " flow(s)");
      return service;
    });
  }

  private static RoutingConfiguration lastApplied(JsonObject applied) {
    try {
      return ConfigurationFactory.create(applied.getLong("revision", 0L),
          plain(group(applied.getJsonObject("documents", new JsonObject()))));
    } catch (ConfigRejection e) {
      LOG.severe("the last applied routing configuration does not build either: " + e.getMessage());
      return RoutingConfiguration.empty();
    }
  }

  private Future<Void> seed(Map<String, List<JsonObject>> docs) {
    if (docs.isEmpty()) {
      return Future.succeededFuture();
    }
    ConfigurationFactory.create(1, plain(docs)); // a seed that does not build is a bug: fail the start
    Future<Void> chain = Future.succeededFuture();
    for (var kind : docs.entrySet()) {
      for (JsonObject doc : kind.getValue()) {
        String id = doc.getString("_id");
        chain = chain.compose(v -> documents.save(kind.getKey(), id, doc, "system", "initial configuration", 0)
            .mapEmpty());
      }
    }
    return chain.compose(v -> documents.saveApplied(1, flatten(docs)));
  }

  // ---------------------------------------------------------------- reading

  public RoutingConfiguration current() {
    return current;
  }

  /** Called with each applied configuration, on the service's context. */
  public void onChange(Consumer<RoutingConfiguration> listener) {
    listeners.add(listener);
  }

  /** {@code {revision, documents: {kind: [entry...]}}}: the latest entry of every document not deleted. */
  public JsonObject snapshot() {
    JsonObject byKind = new JsonObject();
    ConfigurationFactory.KINDS.forEach(k -> byKind.put(k, new JsonArray()));
    latest.values().stream().filter(e -> !e.getBoolean("deleted", false))
        .forEach(e -> byKind.getJsonArray(e.getString("kind")).add(view(e)));
    return new JsonObject().put("revision", current.revision()).put("documents", byKind);
  }

  public Optional<JsonObject> entry(String kind, String id) {
    return Optional.ofNullable(latest.get(kind + "/" + id)).filter(e -> !e.getBoolean("deleted", false))
        .map(RoutingConfigService::view);
  }

  public Future<List<JsonObject>> versions(String kind, String id) {
    return documents.versions(kind, id).map(list -> list.stream().map(RoutingConfigService::view).toList());
  }

  static JsonObject view(JsonObject entry) {
    return new JsonObject().put("kind", entry.getString("kind")).put("id", entry.getString("id"))
        .put("version", entry.getLong("version")).put("deleted", entry.getBoolean("deleted", false))
        .put("document", entry.getJsonObject("doc")).put("author", entry.getString("author"))
        .put("note", entry.getString("note")).put("savedAt", isoDate(entry.getValue("savedAt")));
  }

  private static String isoDate(Object stored) {
    return stored instanceof JsonObject d ? String.valueOf(d.getValue("$date")) : stored == null ? null
        : stored.toString();
  }

  // ---------------------------------------------------------------- changing

  /**
   * Stores a new version of a document (null: deletes it) and applies the configuration, if the whole
   * configuration builds with the change; else fails with the {@link ConfigRejection} and changes nothing.
   * {@code expectedVersion} null skips the concurrency check; otherwise a mismatch fails with a conflict.
   */
  public Future<JsonObject> put(String kind, String id, JsonObject doc, String author, String note,
      Long expectedVersion) {
    return serially(() -> {
      if (!ConfigurationFactory.KINDS.contains(kind)) {
        return Future.failedFuture(new ConfigRejection(List.of("unknown kind '" + kind + "' (expected one of "
            + ConfigurationFactory.KINDS + ")")));
      }
      JsonObject stored = latest.get(kind + "/" + id);
      long version = stored == null ? 0 : stored.getLong("version");
      if (expectedVersion != null && expectedVersion != version) {
        return Future.failedFuture(new VersionConflict(kind + " " + id + " is at version " + version + ", not "
            + expectedVersion + ": reload it and try again"));
      }
      if (doc == null && (stored == null || stored.getBoolean("deleted", false))) {
        return Future.failedFuture(new NoSuchDocument("no " + kind + " " + id));
      }
      JsonObject content = doc == null ? null : doc.copy().put("_id", id);
      RoutingConfiguration next;
      try {
        next = ConfigurationFactory.create(current.revision() + 1, plain(byKind(kind, id, content)));
      } catch (ConfigRejection e) {
        return Future.failedFuture(e);
      }
      return documents.save(kind, id, content, author, note, version)
          .compose(entry -> {
            latest.put(kind + "/" + id, entry);
            return documents.saveApplied(next.revision(), flatten(byKind(null, null, null))).map(entry);
          })
          .map(entry -> {
            apply(next, author + " " + (doc == null ? "deleted " : "saved ") + kind + " " + id + " version "
                + entry.getLong("version"));
            return view(entry);
          });
    });
  }

  /** Stores the version before the latest as the newest one (undoing a deletion too), and applies it. */
  public Future<JsonObject> rollback(String kind, String id, String author) {
    return serially(() -> {
      JsonObject stored = latest.get(kind + "/" + id);
      if (stored == null || stored.getLong("version") < 2) {
        return Future.failedFuture(new NoSuchDocument(kind + " " + id + " has no earlier version to go back to"));
      }
      long to = stored.getLong("version") - 1;
      return documents.version(kind, id, to).map(v -> v.orElseThrow(() -> new NoSuchDocument(kind + " " + id
          + " version " + to + " is missing from the history")));
    }).compose(previous -> put(kind, id, previous.getBoolean("deleted", false) ? null
            : previous.getJsonObject("doc"), author, "rollback to version " + previous.getLong("version"),
        latest.get(kind + "/" + id).getLong("version")));
  }

  private void apply(RoutingConfiguration next, String why) {
    current = next;
    LOG.info(() -> "routing configuration revision " + next.revision() + " applied: " + why);
    for (Consumer<RoutingConfiguration> l : listeners) {
      try {
        l.accept(next);
      } catch (RuntimeException e) {
        LOG.severe("a routing configuration listener failed: " + e);
      }
    }
  }

  private <T> Future<T> serially(Supplier<Future<T>> change) {
    Promise<T> done = Promise.promise();
    Future<?> previous = tail;
    tail = done.future().recover(e -> Future.succeededFuture());
    context.runOnContext(x -> previous.onComplete(p -> {
      try {
        change.get().onComplete(done);
      } catch (RuntimeException e) {
        done.fail(e);
      }
    }));
    return done.future();
  }

  // ---------------------------------------------------------------- documents

  /** The current documents by kind, with one replaced ({@code content} null: removed). */
  private Map<String, List<JsonObject>> byKind(String kind, String id, JsonObject content) {
    Map<String, List<JsonObject>> out = new LinkedHashMap<>();
    boolean replaced = false;
    for (JsonObject e : latest.values()) {
      boolean same = e.getString("kind").equals(kind) && e.getString("id").equals(id);
      JsonObject doc = same ? content : e.getBoolean("deleted", false) ? null : e.getJsonObject("doc");
      replaced |= same;
      if (doc != null) {
        out.computeIfAbsent(e.getString("kind"), k -> new ArrayList<>()).add(doc);
      }
    }
    if (!replaced && kind != null && content != null) {
      out.computeIfAbsent(kind, k -> new ArrayList<>()).add(content);
    }
    return out;
  }

  private static JsonObject flatten(Map<String, List<JsonObject>> byKind) {
    JsonObject out = new JsonObject();
    byKind.forEach((k, list) -> out.put(k, new JsonArray(new ArrayList<>(list))));
    return out;
  }

  private static Map<String, List<JsonObject>> group(JsonObject flat) {
    Map<String, List<JsonObject>> out = new LinkedHashMap<>();
    flat.forEach(e -> {
      List<JsonObject> list = new ArrayList<>();
      ((JsonArray) e.getValue()).forEach(d -> list.add((JsonObject) d));
      out.put(e.getKey(), list);
    });
    return out;
  }

  /** The documents as plain maps and lists: what the routing module reads. */
  public static Map<String, List<Map<String, ?>>> plain(Map<String, List<JsonObject>> documents) {
    Map<String, List<Map<String, ?>>> out = new LinkedHashMap<>();
    documents.forEach((kind, list) -> out.put(kind, list.stream().<Map<String, ?>>map(
        RoutingConfigService::plain).toList()));
    return out;
  }

  static Map<String, Object> plain(JsonObject json) {
    Map<String, Object> map = new LinkedHashMap<>();
    json.forEach(e -> map.put(e.getKey(), plainValue(e.getValue())));
    return map;
  }

  @SuppressWarnings("unchecked")
  private static Object plainValue(Object v) {
    if (v instanceof JsonObject o) {
      return plain(o);
    }
    if (v instanceof JsonArray a) {
      return a.stream().map(RoutingConfigService::plainValue).toList();
    }
    if (v instanceof Map<?, ?> m) {
      return plain(new JsonObject((Map<String, Object>) m));
    }
    if (v instanceof List<?> l) {
      return l.stream().map(RoutingConfigService::plainValue).toList();
    }
    return v;
  }

  /** Someone saved the document since the caller read it. */
  public static final class VersionConflict extends RuntimeException {
    VersionConflict(String message) {
      super(message, null, false, false);
    }
  }

  /** No such document, or nothing to roll back to. */
  public static final class NoSuchDocument extends RuntimeException {
    NoSuchDocument(String message) {
      super(message, null, false, false);
    }
  }
}
