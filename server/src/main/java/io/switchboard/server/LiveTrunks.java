package io.switchboard.server;

import io.switchboard.gateway.SipGateway;
import io.switchboard.gateway.TrunkConfig;
import io.switchboard.server.outbound.OutboundWall;
import io.switchboard.server.routingconfig.RoutingConfigStore;
import io.switchboard.server.store.Store;
import io.switchboard.server.trunks.TrunkDocuments;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The trunks in force, from the versioned configuration to the gateway and the outbound wall, live: a change to a
 * trunk or to the entry points' numbers reloads the gateway's trunks (re-REGISTER where the registration changed), the
 * wall's dial plans and the trunks allowed to transfer by REFER.
 */
final class LiveTrunks {
  private static final Logger LOG = Logger.getLogger(LiveTrunks.class.getName());

  private final RoutingConfigStore config;
  private final TrunkDocuments kind;
  private JsonObject lastApplied;
  private final List<Consumer<List<JsonObject>>> listeners = new CopyOnWriteArrayList<>();

  LiveTrunks(RoutingConfigStore config, TrunkDocuments kind) {
    this.config = config;
    this.kind = kind;
  }

  /**
   * The trunks written to the {@code trunks} collection (the settings before trunks were configuration documents,
   * the demo, scripts) become version 1 of their trunk document when no version of it exists yet; later edits in the
   * admin console are never overwritten by them. Call before the configuration store is opened.
   */
  static Future<Void> migrate(Store store, TrunkDocuments kind) {
    return store.trunks().compose(legacy -> {
      Future<Boolean> chain = Future.succeededFuture();
      for (JsonObject old : legacy) {
        JsonObject doc = old.copy().put("id", old.getString("_id"));
        doc.remove("_id");
        chain = chain.compose(v -> RoutingConfigStore.seedIfAbsent(store, TrunkDocuments.KIND, kind.stored(doc, null),
            "migration"));
      }
      return chain.mapEmpty();
    });
  }

  /** The trunk documents the gateway runs on ({@code _id}, passwords in clear, dialled numbers derived). */
  List<JsonObject> gatewayDocuments() {
    JsonObject state = state();
    return config.documents(TrunkDocuments.KIND).stream().map(doc -> kind.opened(doc)
        .put("_id", doc.getString("id"))
        .put("dids", new JsonArray(TrunkDocuments.dialledNumbers(doc.getString("id"), doc, state)))).toList();
  }

  List<TrunkConfig> gatewayTrunks() {
    return Routing.trunks(gatewayDocuments());
  }

  /** From now on, every change of the trunks or the numbers reaches {@code gateway} and {@code wall}. */
  void attach(SipGateway gateway, OutboundWall wall) {
    onChange(docs -> {
      wall.replace(Routing.outboundPolicies(docs));
      gateway.reload(Routing.trunks(docs)).onFailure(e -> LOG.log(Level.SEVERE, "The gateway refused the trunks", e));
    });
  }

  /**
   * From now on, {@code apply} gets the trunks whose callers are transferred out by REFER (trunk flag
   * {@code transfer: refer}, {@link Routing#referTrunks}) each time that set changes, as the gateway gets its trunks.
   */
  void onReferTrunks(Consumer<Set<String>> apply) {
    AtomicReference<Set<String>> last = new AtomicReference<>(Routing.referTrunks(gatewayDocuments()));
    onChange(docs -> {
      Set<String> now = Routing.referTrunks(docs);
      if (!now.equals(last.getAndSet(now))) {
        apply.accept(now);
      }
    });
  }

  /** {@code listener} gets the gateway documents after every change of the trunks or the numbers (not of others). */
  private void onChange(Consumer<List<JsonObject>> listener) {
    if (listeners.isEmpty()) {
      lastApplied = state();
      config.onChange(next -> {
        JsonObject now = state();
        if (now.equals(lastApplied)) {
          return;
        }
        lastApplied = now;
        List<JsonObject> docs = gatewayDocuments();
        listeners.forEach(l -> l.accept(docs));
      });
    }
    listeners.add(listener);
  }

  private JsonObject state() {
    return new JsonObject().put(TrunkDocuments.KIND, new JsonArray(config.documents(TrunkDocuments.KIND)))
        .put("entry-points", new JsonArray(config.documents("entry-points")));
  }
}
