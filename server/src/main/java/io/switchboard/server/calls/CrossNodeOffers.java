package io.switchboard.server.calls;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * Who decides a cross-node offer (docs/scale.md): the call's node, for its own waiting calls. Every
 * {@value #EVERY_MS} ms it looks for calls that wait in a queue here ringing nobody (this node's engine found no
 * agent for them) and offers each, oldest first, to the other nodes ({@link NodeLinks#offer}); a node accepts only
 * if its own engine offers the call to one of its agents at once. One question in flight per call.
 */
final class CrossNodeOffers {
  static final long EVERY_MS = 1_000;

  private final CallCenter center;
  private final NodeLinks links;
  private final Set<String> asking = new HashSet<>();
  private long timer = -1;

  CrossNodeOffers(CallCenter center, NodeLinks links) {
    this.center = center;
    this.links = links;
  }

  void start() {
    timer = center.vertx.setPeriodic(EVERY_MS, t -> center.on(() -> {
      scan();
      return Future.succeededFuture();
    }));
  }

  void stop() {
    if (timer >= 0) {
      center.vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void scan() {
    if (center.closing()) {
      return;
    }
    for (Call call : new ArrayList<>(center.calls.values())) {
      if (call.phase != Call.Phase.QUEUED || !call.routed || !call.ringing.isEmpty() || call.link != null
          || asking.contains(call.id) || call.leg instanceof NodeLinkLeg) {
        continue;
      }
      JsonObject request = center.engine.findCall(call.id).map(routed -> new JsonObject()
          .put("callId", call.id).put("queueId", routed.queueId()).put("priority", routed.request().priority())
          .put("skills", new JsonObject(new java.util.LinkedHashMap<>(routed.request().skills())))
          .put("from", call.from).put("to", call.to).put("answered", call.answered)
          .put("trunk", call.leg.describe().getString("trunk")).put("card", call.card)).orElse(null);
      if (request == null) {
        continue;
      }
      asking.add(call.id);
      links.offer(call, request).onComplete(ar -> center.on(() -> {
        asking.remove(call.id);
        return Future.succeededFuture();
      }));
    }
  }
}
