package io.switchboard.server.routingconfig;

import io.switchboard.routing.config.ConfigurationFactory;
import io.switchboard.routing.config.RoutingConfiguration;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration that is not applied: the stored one with some objects replaced by an edited document or by one of
 * their stored versions, or deleted, built by the same factory as the live one (so it is validated alike: a
 * {@code ConfigRejection} lists every problem). For the replay (docs/routing.md, "Replay"); nothing is saved.
 */
public final class ConfigDraft {

  /**
   * One object changed in the draft.
   *
   * @param kind a {@link ConfigurationFactory#KINDS} kind
   * @param id the object's id
   * @param document its new document, or null
   * @param version a stored version to take instead, or null
   * @param delete true to leave the object out
   */
  public record Change(String kind, String id, JsonObject document, Long version, boolean delete) {
  }

  private ConfigDraft() {
  }

  /** The current configuration with {@code changes} applied in order; fails with {@link NoSuchConfig}, too. */
  public static Future<RoutingConfiguration> build(RoutingConfigStore store, List<Change> changes) {
    return store.entriesByKind().compose(entries -> resolve(store, changes, 0, new ArrayList<>()).map(resolved -> {
      Map<String, Map<String, JsonObject>> docs = new LinkedHashMap<>();
      entries.forEach((kind, list) -> {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        list.forEach(e -> byId.put(e.getString("id"),
            e.getJsonObject("doc", new JsonObject()).copy().put("id", e.getString("id"))));
        docs.put(kind, byId);
      });
      for (Change c : resolved) {
        Map<String, JsonObject> byId = docs.computeIfAbsent(c.kind(), k -> new LinkedHashMap<>());
        if (c.delete()) {
          byId.remove(c.id());
        } else {
          byId.put(c.id(), c.document().copy().put("id", c.id()));
        }
      }
      Map<String, List<Map<String, ?>>> plain = new LinkedHashMap<>();
      docs.forEach((kind, byId) -> {
        // The server's own kinds (trunks) are not routing's: the routing factory builds from its kinds only.
        if (store.serverKind(kind).isPresent()) {
          return;
        }
        List<Map<String, ?>> list = new ArrayList<>();
        byId.values().forEach(d -> list.add(PlainDocuments.map(d)));
        plain.put(kind, list);
      });
      return ConfigurationFactory.create(store.current().revision(), plain);
    }));
  }

  /** Replaces each versioned change by the stored document of that version. */
  private static Future<List<Change>> resolve(RoutingConfigStore store, List<Change> changes, int from,
      List<Change> done) {
    if (from == changes.size()) {
      return Future.succeededFuture(done);
    }
    Change c = changes.get(from);
    if (c.version() == null) {
      done.add(c);
      return resolve(store, changes, from + 1, done);
    }
    return store.versions(c.kind(), c.id()).compose(versions -> {
      JsonObject found = versions.stream().filter(v -> v.getLong("version", -1L).equals(c.version())).findFirst()
          .orElse(null);
      if (found == null) {
        return Future.failedFuture(new NoSuchConfig(c.kind() + " " + c.id() + " has no version " + c.version()));
      }
      done.add(found.getBoolean("deleted", false) ? new Change(c.kind(), c.id(), null, null, true)
          : new Change(c.kind(), c.id(), found.getJsonObject("doc", new JsonObject()), null, false));
      return resolve(store, changes, from + 1, done);
    });
  }
}
