package io.switchboard.server.routingconfig;

import io.switchboard.routing.config.ConfigRejection;
import io.switchboard.routing.config.ConfigurationFactory;
import io.switchboard.routing.config.RoutingConfiguration;
import io.switchboard.server.store.ConfigDocuments;
import io.switchboard.server.store.Store;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The routing configuration, live: versioned documents in the store, validated as a whole before any change is
 * stored, applied without a restart (docs/routing.md, "Configuration").
 *
 * <ul>
 *   <li>Every change (put, delete, rollback) builds the <em>whole</em> resulting configuration with
 *       {@link ConfigurationFactory} first; a refused change stores nothing and fails with {@link ConfigRejection}.
 *   <li>Each object's versions are kept; a delete is a version, a rollback writes the earlier version again as a new
 *       one. Optimistic concurrency: a change naming an {@code expectedVersion} that is not current fails with
 *       {@link VersionConflict}.
 *   <li>Each applied change raises the global revision by one, stores the applied state (so a start finding invalid
 *       documents, e.g. edited by hand, falls back to it) and calls the {@link #onChange} listeners.
 * </ul>
 *
 * <p>Changes run one at a time on the Vert.x context the store was opened on, and listeners are called there;
 * {@link #current()} may be read from any thread.
 */
public final class RoutingConfigStore {

  private static final Logger LOG = Logger.getLogger(RoutingConfigStore.class.getName());

  private final Context context;
  private final ConfigDocuments documents;
  /** The server's own kinds kept here too (by name), validated by themselves against the whole state. */
  private final Map<String, ConfigKind> serverKinds = new LinkedHashMap<>();
  /** Every document in force, {@code {kind: [doc, ...]}}, routing's and the server's kinds. */
  private volatile JsonObject inForce = new JsonObject();
  /** Current entries by "kind/id", deleted ones included; only touched on {@link #context}. */
  private final Map<String, JsonObject> entries = new TreeMap<>();
  private final List<Consumer<RoutingConfiguration>> listeners = new CopyOnWriteArrayList<>();
  private volatile RoutingConfiguration current = RoutingConfiguration.empty();
  private volatile List<String> startProblems = List.of();
  /** The last revision given out (applied, or found in the store); only touched on {@link #context}. */
  private long revision;
  private Future<?> tail = Future.succeededFuture();

  private RoutingConfigStore(Context context, ConfigDocuments documents) {
    this.context = context;
    this.documents = documents;
  }

  /**
   * Loads the stored configuration. Call it on the context that should run changes and listeners (the server's
   * start chain); from a non-Vert.x thread a new event-loop context is made. Invalid stored documents do not fail
   * the start: every problem is logged and the last applied configuration is used ({@link #startProblems()}).
   */
  public static Future<RoutingConfigStore> open(Vertx vertx, Store store) {
    return open(vertx.getOrCreateContext(), store.routingConfig());
  }

  /** As {@link #open(Vertx, Store)}, with changes and listeners on {@code context}. */
  public static Future<RoutingConfigStore> open(Context context, Store store) {
    return open(context, store.routingConfig());
  }

  /**
   * Writes {@code document} (its id in {@code id} or {@code _id}) as version 1 when no version of it was ever stored
   * (a deleted one stays deleted), for seeding before {@link #open}; the next open validates and applies it. True
   * when written.
   */
  public static Future<Boolean> seedIfAbsent(Store store, String kind, JsonObject document, String author) {
    String id = document.getString("id", document.getString("_id"));
    document = document.copy().put("id", id);
    document.remove("_id");
    JsonObject entry = new JsonObject().put("kind", kind).put("id", id).put("version", 1L).put("revision", 0L)
        .put("deleted", false).put("author", author).put("action", "seed")
        .put("savedAt", new JsonObject().put("$date", Instant.now().toString())).put("doc", document);
    return store.routingConfig().entry(kind, id)
        .compose(found -> found.isPresent() ? Future.succeededFuture(false) : store.routingConfig().save(entry, 0));
  }

  /** As {@link #open(Context, Store)}, also keeping the server's own {@code kinds} (validated with the rest). */
  public static Future<RoutingConfigStore> open(Context context, Store store, List<ConfigKind> kinds) {
    return open(context, store.routingConfig(), kinds);
  }

  static Future<RoutingConfigStore> open(Context context, ConfigDocuments documents) {
    return open(context, documents, List.of());
  }

  static Future<RoutingConfigStore> open(Context context, ConfigDocuments documents, List<ConfigKind> kinds) {
    RoutingConfigStore s = new RoutingConfigStore(context, documents);
    kinds.forEach(k -> s.serverKinds.put(k.name(), k));
    return s.serially(s::load).map(s);
  }

  /** One of the server's own kinds kept here ({@code "trunk"}), or empty (routing's kinds, unknown names). */
  public Optional<ConfigKind> serverKind(String kind) {
    return Optional.ofNullable(serverKinds.get(kind));
  }

  /** The documents of one kind in force (each with its {@code id}), e.g. the server's trunks; any thread. */
  public List<JsonObject> documents(String kind) {
    JsonArray docs = inForce.getJsonArray(kind);
    List<JsonObject> out = new ArrayList<>();
    if (docs != null) {
      docs.forEach(d -> out.add(((JsonObject) d).copy()));
    }
    return out;
  }

  /** The configuration in force. */
  public RoutingConfiguration current() {
    return current;
  }

  /**
   * Calls {@code listener} with the new configuration after each applied change, on the store's context. It is not
   * called for the configuration loaded at start: read {@link #current()} when subscribing.
   */
  public void onChange(Consumer<RoutingConfiguration> listener) {
    listeners.add(listener);
  }

  /** What was wrong with the stored documents at start (empty when they were valid or a change fixed them). */
  public List<String> startProblems() {
    return startProblems;
  }

  /** Every current, not deleted entry ({@code {kind, id, version, revision, doc, author, savedAt}}), by kind. */
  public Future<Map<String, List<JsonObject>>> entriesByKind() {
    return serially(() -> {
      Map<String, List<JsonObject>> out = new LinkedHashMap<>();
      ConfigurationFactory.KINDS.forEach(k -> out.put(k, new ArrayList<>()));
      serverKinds.keySet().forEach(k -> out.put(k, new ArrayList<>()));
      entries.values().stream().filter(e -> !e.getBoolean("deleted", false))
          .filter(e -> out.containsKey(e.getString("kind")))
          .forEach(e -> out.get(e.getString("kind")).add(e.copy()));
      return Future.succeededFuture(out);
    });
  }

  /** The current entry of one object (a deleted one too, with {@code deleted: true}), or {@link NoSuchConfig}. */
  public Future<JsonObject> entry(String kind, String id) {
    return serially(() -> Future.succeededFuture(existing(kind, id).copy()));
  }

  /** Every version of one object, newest first, or {@link NoSuchConfig}. */
  public Future<List<JsonObject>> versions(String kind, String id) {
    return serially(() -> {
      JsonObject cur = existing(kind, id);
      return documents.versions(kind, id).map(found -> {
        // A crash between the two writes of a change leaves the current version out of the history: show it anyway.
        List<JsonObject> all = new ArrayList<>(found);
        all.forEach(v -> v.remove("_id"));
        if (all.stream().noneMatch(v -> v.getLong("version") == cur.getLong("version").longValue())) {
          all.add(0, cur.copy());
        }
        return all;
      });
    });
  }

  /**
   * Creates or replaces one object (a deleted one comes back). {@code expectedVersion}: null = whatever is stored,
   * 0 = it was never stored, n = version n must be the current one.
   */
  public Future<JsonObject> put(String kind, String id, JsonObject document, Long expectedVersion, String author) {
    return serially(() -> change(kind, id, document.copy().put("id", id), expectedVersion, author, "put"));
  }

  /** Deletes one object: a new version marked deleted. {@link NoSuchConfig} when absent or already deleted. */
  public Future<JsonObject> delete(String kind, String id, Long expectedVersion, String author) {
    return serially(() -> {
      JsonObject cur = existing(kind, id);
      if (cur.getBoolean("deleted", false)) {
        throw new NoSuchConfig(kind + " " + id + " is already deleted (version " + cur.getLong("version") + ")");
      }
      return change(kind, id, null, expectedVersion, author, "delete");
    });
  }

  /**
   * Makes version {@code toVersion} (null: the one before the current) the current one again, as a new version. The
   * version before the first is "absent": rolling back a creation deletes the object.
   */
  public Future<JsonObject> rollback(String kind, String id, Long toVersion, Long expectedVersion, String author) {
    return serially(() -> {
      JsonObject cur = existing(kind, id);
      long currentVersion = cur.getLong("version");
      long target = toVersion == null ? currentVersion - 1 : toVersion;
      if (target < 0 || target >= currentVersion) {
        throw new NoSuchConfig(kind + " " + id + " has no version " + target + " to roll back to (current: "
            + currentVersion + ")");
      }
      if (expectedVersion != null && expectedVersion != currentVersion) {
        throw conflict(kind, id, expectedVersion, currentVersion);
      }
      if (target == 0) {
        if (cur.getBoolean("deleted", false)) {
          throw new NoSuchConfig(kind + " " + id + " is already deleted");
        }
        return change(kind, id, null, currentVersion, author, "rollback to 0");
      }
      return documents.version(kind, id, target).compose(found -> {
        JsonObject earlier = found.orElseThrow(() -> new NoSuchConfig(kind + " " + id + " version " + target
            + " is not in the history"));
        JsonObject doc = earlier.getBoolean("deleted", false) ? null : earlier.getJsonObject("doc");
        return change(kind, id, doc, currentVersion, author, "rollback to " + target);
      });
    });
  }

  /**
   * What would be wrong with the configuration if {@code document} (null: deleted) were the current version of one
   * object; nothing is stored. For editors that show problems while the admin types.
   */
  public Future<List<String>> check(String kind, String id, JsonObject document) {
    return withDraft(kind, id, document).map(built -> List.<String>of())
        .recover(e -> e instanceof ConfigRejection r ? Future.succeededFuture(r.problems()) : Future.failedFuture(e));
  }

  /**
   * The configuration as it would be with {@code document} (null: deleted) as one object's current version, built
   * and validated as a whole but neither stored nor applied; fails with {@link ConfigRejection}.
   */
  public Future<RoutingConfiguration> withDraft(String kind, String id, JsonObject document) {
    return serially(() -> {
      if (!ConfigurationFactory.KINDS.contains(kind) && !serverKinds.containsKey(kind)) {
        throw new IllegalArgumentException("unknown kind " + kind);
      }
      Map<String, JsonObject> after = new TreeMap<>(entries);
      JsonObject entry = new JsonObject().put("kind", kind).put("id", id).put("deleted", document == null);
      if (document != null) {
        entry.put("doc", document.copy().put("id", id));
      }
      after.put(key(kind, id), entry);
      return Future.succeededFuture(build(revision + 1, documentsOf(after)));
    });
  }

  private JsonObject existing(String kind, String id) {
    JsonObject cur = entries.get(key(kind, id));
    if (cur == null) {
      throw new NoSuchConfig("no " + kind + " " + id);
    }
    return cur;
  }

  /** Validates the whole configuration with the change, then stores it, then applies it. doc null = deleted. */
  private Future<JsonObject> change(String kind, String id, JsonObject doc, Long expectedVersion, String author,
      String action) {
    if (!ConfigurationFactory.KINDS.contains(kind) && !serverKinds.containsKey(kind)) {
      throw new IllegalArgumentException("unknown kind " + kind);
    }
    String key = key(kind, id);
    JsonObject cur = entries.get(key);
    long currentVersion = cur == null ? 0 : cur.getLong("version");
    if (expectedVersion != null && expectedVersion != currentVersion) {
      throw conflict(kind, id, expectedVersion, currentVersion);
    }
    long newRevision = revision + 1;
    JsonObject entry = new JsonObject().put("kind", kind).put("id", id).put("version", currentVersion + 1)
        .put("revision", newRevision).put("deleted", doc == null).put("author", author).put("action", action)
        .put("savedAt", new JsonObject().put("$date", Instant.now().toString()));
    if (doc != null) {
      entry.put("doc", doc);
    }
    Map<String, JsonObject> after = new TreeMap<>(entries);
    after.put(key, entry);
    JsonObject state = documentsOf(after);
    RoutingConfiguration built = build(newRevision, state);
    return documents.save(entry, currentVersion).compose(saved -> {
      if (!saved) {
        // Another server changed it first: learn its version so the next attempt can be told the truth.
        return documents.entry(kind, id).compose(now -> {
          now.ifPresent(n -> entries.put(key, strip(n)));
          return Future.failedFuture(conflict(kind, id, currentVersion,
              now.map(n -> n.getLong("version")).orElse(0L)));
        });
      }
      entries.put(key, entry);
      revision = newRevision;
      return documents.saveApplied(new JsonObject().put("revision", newRevision).put("documents", state)
              .put("appliedAt", entry.getJsonObject("savedAt")))
          .map(v -> {
            inForce = state;
            apply(built);
            LOG.info(() -> "Routing configuration revision " + newRevision + ": " + action + " " + key + " (version "
                + entry.getLong("version") + ") by " + author);
            return entry.copy();
          });
    });
  }

  private Future<Void> load() {
    return Future.all(documents.all(), documents.applied()).compose(all -> {
      List<JsonObject> stored = all.resultAt(0);
      Optional<JsonObject> applied = all.resultAt(1);
      stored.forEach(e -> entries.put(key(e.getString("kind"), e.getString("id")), strip(e)));
      long highest = stored.stream().mapToLong(e -> e.getLong("revision", 0L)).max().orElse(0);
      long appliedRevision = applied.map(a -> a.getLong("revision", 0L)).orElse(0L);
      revision = Math.max(highest, appliedRevision);
      JsonObject state = documentsOf(entries);
      try {
        boolean unchanged = applied.isPresent() && state.equals(applied.get().getJsonObject("documents"));
        long loadedRevision = unchanged ? appliedRevision : revision + 1;
        RoutingConfiguration built = build(loadedRevision, state);
        current = built;
        inForce = state;
        if (unchanged) {
          return Future.succeededFuture();
        }
        // Documents written outside this class (the migration, the demo, a hand edit that is valid) make a revision.
        revision = loadedRevision;
        return documents.saveApplied(new JsonObject().put("revision", loadedRevision).put("documents", state)
            .put("appliedAt", new JsonObject().put("$date", Instant.now().toString())));
      } catch (ConfigRejection e) {
        startProblems = e.problems();
        LOG.severe("The stored routing configuration is invalid; " + (applied.isPresent()
            ? "using the last applied one (revision " + appliedRevision + ")" : "no valid one was ever applied,"
            + " starting with an empty one") + ". Fix it with /api/config. Problems:\n  "
            + String.join("\n  ", e.problems()));
        current = applied.map(a -> fallback(a, appliedRevision)).orElse(RoutingConfiguration.empty());
        if (current.revision() == appliedRevision && applied.isPresent()) {
          inForce = applied.get().getJsonObject("documents", new JsonObject());
        }
        return Future.succeededFuture();
      }
    });
  }

  /**
   * Routing's configuration from routing's kinds of {@code state}, after the server's kinds have found nothing wrong
   * with the whole: every problem of both at once, or none.
   */
  private RoutingConfiguration build(long revision, JsonObject state) {
    JsonObject routing = state.copy();
    serverKinds.keySet().forEach(routing::remove);
    List<String> problems = new ArrayList<>();
    RoutingConfiguration built = null;
    try {
      built = ConfigurationFactory.create(revision, plain(routing));
    } catch (ConfigRejection e) {
      problems.addAll(e.problems());
    }
    serverKinds.values().forEach(k -> problems.addAll(k.problems(state)));
    if (!problems.isEmpty()) {
      throw new ConfigRejection(problems);
    }
    return built;
  }

  private RoutingConfiguration fallback(JsonObject applied, long appliedRevision) {
    try {
      return build(appliedRevision, applied.getJsonObject("documents", new JsonObject()));
    } catch (ConfigRejection e) {
      LOG.severe("The last applied routing configuration is invalid too (edited by hand?); starting with an empty"
          + " one. Problems:\n  " + String.join("\n  ", e.problems()));
      return RoutingConfiguration.empty();
    }
  }

  private void apply(RoutingConfiguration built) {
    current = built;
    startProblems = List.of();
    for (Consumer<RoutingConfiguration> listener : listeners) {
      try {
        listener.accept(built);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "A routing configuration listener failed on revision " + built.revision(), e);
      }
    }
  }

  /** {@code {kind: [doc, ...]}} of the entries not deleted, in key order. */
  private static JsonObject documentsOf(Map<String, JsonObject> entries) {
    JsonObject byKind = new JsonObject();
    entries.values().stream().filter(e -> !e.getBoolean("deleted", false)).forEach(e -> {
      String kind = e.getString("kind");
      if (!byKind.containsKey(kind)) {
        byKind.put(kind, new JsonArray());
      }
      byKind.getJsonArray(kind).add(e.getJsonObject("doc", new JsonObject()).copy().put("id", e.getString("id")));
    });
    return byKind;
  }

  private static Map<String, List<Map<String, ?>>> plain(JsonObject byKind) {
    Map<String, List<Map<String, ?>>> out = new LinkedHashMap<>();
    if (byKind == null) {
      return out;
    }
    byKind.forEach(kind -> {
      List<Map<String, ?>> docs = new ArrayList<>();
      Object list = PlainDocuments.plain(kind.getValue());
      if (list instanceof List<?> l) {
        l.forEach(d -> docs.add(d instanceof Map<?, ?> m ? castMap(m) : null));
      }
      out.put(kind.getKey(), docs);
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> castMap(Map<?, ?> m) {
    return (Map<String, ?>) m;
  }

  private static JsonObject strip(JsonObject stored) {
    JsonObject e = stored.copy();
    e.remove("_id");
    return e;
  }

  private static VersionConflict conflict(String kind, String id, long expected, long actual) {
    return new VersionConflict(kind + " " + id + " is at version " + actual + ", not " + expected
        + ": reload it and apply your change again", actual);
  }

  static String key(String kind, String id) {
    return kind + "/" + id;
  }

  /**
   * Runs {@code op} on the store's context after every earlier operation, and completes the result on the caller's
   * context (so an HTTP handler answers on its own event loop).
   */
  private <T> Future<T> serially(Supplier<Future<T>> op) {
    Context caller = Vertx.currentContext();
    Promise<T> result = Promise.promise();
    context.runOnContext(x -> {
      Future<T> run = tail.transform(ignored -> {
        try {
          return op.get();
        } catch (RuntimeException e) {
          return Future.failedFuture(e);
        }
      });
      tail = run;
      run.onComplete(ar -> {
        if (caller == null || caller == context) {
          result.handle(ar);
        } else {
          caller.runOnContext(y -> result.handle(ar));
        }
      });
    });
    return result.future();
  }
}
