package io.switchboard.server.calls;

import io.switchboard.routing.acd.AgentState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The ACD leader's cross-node round (docs/scale.md, "One ACD for the hotline: the leader places calls across nodes").
 * Only the node holding the {@code acd} lease runs it: every {@value #EVERY_MS} ms it asks every live node, itself
 * included, for its view ({@code view}: calls waiting in a queue that ring nobody, oldest first, and Ready agents
 * per queue), then places each waiting call, oldest first across the cluster, on another node with a Ready agent in
 * its queue ({@code place}, stamped with its epoch), one call per Ready agent. The call's node then offers it there
 * ({@link NodeLinks#offer}) and the agent's node's own engine offers it to the agent, so an agent is only ever
 * offered calls by their own node. Nothing is kept between rounds: a new leader's first round works from the nodes'
 * live state, so a take-over needs no rebuild.
 */
final class CrossNodeOffers {
  static final long EVERY_MS = 1_000;

  private final CallCenter center;
  private final NodeLinks links;
  /** The leader's epoch while this node holds the {@code acd} lease, else null. */
  private final Supplier<Long> leaderEpoch;
  private long timer = -1;
  private boolean running;

  CrossNodeOffers(CallCenter center, NodeLinks links, Supplier<Long> leaderEpoch) {
    this.center = center;
    this.links = links;
    this.leaderEpoch = leaderEpoch;
  }

  void start() {
    timer = center.vertx.setPeriodic(EVERY_MS, t -> center.on(() -> {
      round();
      return Future.succeededFuture();
    }));
  }

  void stop() {
    if (timer >= 0) {
      center.vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void round() {
    Long epoch = leaderEpoch.get();
    if (epoch == null || running || center.closing()) {
      return;
    }
    running = true;
    links.peers().compose(peers -> {
      List<String> nodes = new ArrayList<>(peers);
      nodes.add(links.node);
      List<Future<JsonObject>> views = nodes.stream().map(n -> links.request(n, NodeLinks.message("view", null)
          .put("epoch", epoch)).otherwise((JsonObject) null)).toList();
      return Future.join(views).map(v -> views.stream().map(Future::result).filter(r -> r != null).toList());
    }).compose(views -> center.on(() -> {
      place(views, epoch);
      return Future.succeededFuture();
    })).onComplete(v -> running = false);
  }

  /**
   * The matching: oldest waiting call first; a call whose own node has a Ready agent left in its queue stays there
   * (that node's engine offers it), any other goes to a node with a Ready agent left in its queue.
   */
  private void place(List<JsonObject> views, long epoch) {
    Map<String, Map<String, Integer>> ready = new HashMap<>();
    List<JsonObject> waiting = new ArrayList<>();
    for (JsonObject view : views) {
      Map<String, Integer> perQueue = new HashMap<>();
      view.getJsonObject("ready", new JsonObject()).forEach(e -> perQueue.put(e.getKey(),
          ((Number) e.getValue()).intValue()));
      ready.put(view.getString("node"), perQueue);
      for (Object w : view.getJsonArray("waiting", new JsonArray())) {
        waiting.add(((JsonObject) w).copy().put("node", view.getString("node")));
      }
    }
    waiting.sort(Comparator.comparingLong(w -> w.getLong("queuedAt")));
    for (JsonObject call : waiting) {
      String queue = call.getString("queueId");
      // A Ready agent on the call's own node will be offered it there (after the queue's announcement, say):
      // placing it elsewhere too would ring two agents and withdraw one offer.
      Map<String, Integer> home = ready.getOrDefault(call.getString("node"), Map.of());
      if (home.getOrDefault(queue, 0) > 0) {
        home.merge(queue, -1, Integer::sum);
        continue;
      }
      ready.entrySet().stream()
          .filter(e -> !e.getKey().equals(call.getString("node")) && e.getValue().getOrDefault(queue, 0) > 0)
          .findFirst().ifPresent(e -> {
            e.getValue().merge(queue, -1, Integer::sum);
            links.tell(call.getString("node"), NodeLinks.message("place", call.getString("callId"))
                .put("to", e.getKey()).put("epoch", epoch));
          });
    }
  }

  /** This node's part of the leader's view: its unrung waiting calls and its Ready agents per queue. */
  JsonObject view() {
    JsonArray waiting = new JsonArray();
    for (Call call : center.calls.values()) {
      if (placeable(call) && !links.offering.contains(call.id)) {
        waiting.add(new JsonObject().put("callId", call.id).put("queueId", call.queueId)
            .put("queuedAt", call.queuedAt.toEpochMilli()));
      }
    }
    JsonObject ready = new JsonObject();
    Set<String> here = new HashSet<>(center.agents.keySet());
    center.engine.queues().forEach(q -> {
      long n = q.members().stream().filter(here::contains).filter(id -> center.engine.findAgent(id)
          .map(a -> a.state() == AgentState.READY).orElse(false)).count();
      if (n > 0) {
        ready.put(q.id(), n);
      }
    });
    return new JsonObject().put("node", links.node).put("waiting", waiting).put("ready", ready);
  }

  /** A call waiting in a queue here that this node's engine rings nobody for, and that no other node has. */
  static boolean placeable(Call call) {
    return call.phase == Call.Phase.QUEUED && call.routed && call.ringing.isEmpty() && call.link == null
        && call.queuedAt != null && !(call.leg instanceof NodeLinkLeg);
  }

  /** The leader placed this call on {@code node}: offer it there (with the queue's priority and skills). */
  void placed(String callId, String node) {
    Call call = center.calls.get(callId);
    if (call == null || !placeable(call) || links.offering.contains(callId) || links.readyAgentIn(call.queueId)) {
      return;
    }
    center.engine.findCall(call.id).ifPresent(routed -> links.offer(call, new JsonObject()
        .put("callId", call.id).put("queueId", routed.queueId()).put("priority", routed.request().priority())
        .put("skills", new JsonObject(new java.util.LinkedHashMap<>(routed.request().skills())))
        .put("from", call.from).put("to", call.to).put("answered", call.answered)
        .put("trunk", call.leg.describe().getString("trunk")).put("card", call.card), List.of(node)));
  }
}
