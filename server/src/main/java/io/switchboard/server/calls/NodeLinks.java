package io.switchboard.server.calls;

import io.switchboard.media.AudioCodec;
import io.switchboard.media.RtpLeg;
import io.switchboard.media.RtpPorts;
import io.switchboard.routing.acd.AgentState;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * This node's end of the node-to-node call links (docs/scale.md, "Agent on node A, call on node B"; the messages in
 * docs/protocol.md, "Between nodes"). One request/response address per node, {@code node.<id>.link}, on the
 * clustered event bus; every message is {@code {op, callId, ...}}:
 * <ul>
 *   <li>{@code offer} (call's node → agent's node): the waiting call, its queue, priority and skills, and the plain
 *   RTP address and codec of the call's end of the link. Accepted only when this node's own engine offers it to an
 *   agent here at once; the reply then carries this end's RTP address. So only an agent's own node ever offers
 *   them a call, and an agent already ringing or talking is never offered a second one.</li>
 *   <li>{@code answer} (agent's node → call's node, with the agent), {@code reject}, {@code hangup} (either way,
 *   with who hung up), {@code alive} (either way, every second: {@link LinkWatch}).</li>
 *   <li>{@code view} and {@code place} (the ACD leader → every node, with its epoch): {@link CrossNodeOffers}. A
 *   node remembers the newest epoch it has seen and refuses a placement stamped with an older one.</li>
 * </ul>
 * Touched on the call center's context only.
 */
final class NodeLinks {
  private static final Logger LOG = Logger.getLogger(NodeLinks.class.getName());
  /** How long an answer over the bus may take before the request counts as failed. */
  static final long REQUEST_TIMEOUT_MS = 1_000;

  final CallCenter center;
  final String node;
  private final RtpPorts ports;
  private final Supplier<Future<List<String>>> peers;
  /** Calls that landed here whose agent is on another node, by call id. */
  final Map<String, LinkedCall> outgoing = new HashMap<>();
  /** Other nodes' calls offered to or answered by agents here, by call id. */
  final Map<String, NodeLinkLeg> incoming = new HashMap<>();
  /** Calls being offered to another node now: one offer in flight per call. */
  final java.util.Set<String> offering = new java.util.HashSet<>();
  /** Messages of the agent's node that came before its acceptance of the offer was handled, by call id. */
  private final Map<String, List<JsonObject>> early = new HashMap<>();
  /** The newest ACD leader's epoch seen in a {@code view} or {@code place}: older leaders' placements are dropped. */
  private long newestEpoch;
  private final CrossNodeOffers leader;
  private MessageConsumer<JsonObject> consumer;

  NodeLinks(CallCenter center, String node, RtpPorts ports, Supplier<Future<List<String>>> peers,
      Supplier<Long> leaderEpoch) {
    this.center = center;
    this.node = node;
    this.ports = ports;
    this.peers = peers;
    this.leader = new CrossNodeOffers(center, this, leaderEpoch);
  }

  static String address(String node) {
    return "node." + node + ".link";
  }

  static JsonObject message(String op, String callId) {
    return new JsonObject().put("op", op).put("callId", callId);
  }

  Future<Void> start() {
    consumer = center.vertx.eventBus().consumer(address(node), m -> center.on(() -> {
      handle(m);
      return Future.succeededFuture();
    }));
    leader.start();
    return consumer.completion();
  }

  /** No more leader rounds from here (a stop: the calls still tell the other nodes they end). */
  void stopPlacing() {
    leader.stop();
  }

  Future<Void> close() {
    leader.stop();
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  /** The other live nodes, for offers. */
  Future<List<String>> peers() {
    return peers.get();
  }

  Future<JsonObject> request(String to, JsonObject body) {
    return center.vertx.eventBus().<JsonObject>request(address(to), body,
        new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MS)).map(Message::body);
  }

  /** A request whose answer nobody waits for (a failure is logged: the other side's watch ends its call). */
  void tell(String to, JsonObject body) {
    request(to, body).onFailure(e -> LOG.fine(() -> body.getString("op") + " of " + body.getString("callId")
        + " to " + to + " failed: " + e.getMessage()));
  }

  private void handle(Message<JsonObject> m) {
    JsonObject body = m.body();
    String callId = body.getString("callId");
    String op = body.getString("op");
    if ("view".equals(op)) {
      fresh(body);
      m.reply(leader.view());
      return;
    }
    if (callId == null || op == null) {
      m.fail(400, "op and callId are required");
      return;
    }
    LinkedCall out = outgoing.get(callId);
    NodeLinkLeg in = incoming.get(callId);
    switch (op) {
      case "offer" -> offered(m);
      case "place" -> {
        if (!fresh(body)) {
          m.reply(refused("stale epoch " + body.getLong("epoch") + " < " + newestEpoch));
          return;
        }
        leader.placed(callId, body.getString("to"));
        m.reply(new JsonObject().put("accepted", true));
      }
      case "alive" -> m.reply(new JsonObject().put("known", out != null || in != null
          || offering.contains(callId)));
      case "answer", "reject", "hangup" -> {
        if (out == null && in == null && offering.contains(callId)) {
          // The agent's node acted before its acceptance was handled here: applied once the call is linked.
          early.computeIfAbsent(callId, k -> new java.util.ArrayList<>()).add(body);
        } else if (out != null) {
          apply(out, body);
        } else if (in != null && op.equals("hangup")) {
          in.remoteHungUp();
        } else if (op.equals("answer")) {
          m.fail(404, "no linked call " + callId);
          return;
        }
        m.reply(new JsonObject());
      }
      default -> m.fail(400, "unknown op " + op);
    }
  }

  /** What the agent's node says of a call linked from here. */
  private static void apply(LinkedCall out, JsonObject body) {
    switch (body.getString("op")) {
      case "answer" -> out.answered(body.getJsonObject("agent"));
      case "reject" -> out.rejected(body.getInteger("status", 480),
          body.getString("reason", "Temporarily Unavailable"));
      default -> out.remoteHungUp(body.getString("by"));
    }
  }

  /** Fencing (docs/scale.md): true unless a newer leader's epoch was seen; remembers the newest. */
  private boolean fresh(JsonObject body) {
    long epoch = body.getLong("epoch", 0L);
    if (epoch < newestEpoch) {
      return false;
    }
    newestEpoch = epoch;
    return true;
  }

  // ---------------------------------------------------------------- the agent's node (A)

  private void offered(Message<JsonObject> m) {
    JsonObject offer = m.body();
    String callId = offer.getString("callId");
    String queueId = offer.getString("queueId");
    if (center.closing() || center.calls.containsKey(callId) || incoming.containsKey(callId)
        || !readyAgentIn(queueId)) {
      m.reply(refused("no ready agent"));
      return;
    }
    ports.allocate().onComplete(allocated -> center.on(() -> {
      if (allocated.failed()) {
        m.reply(refused("no RTP port"));
        return Future.succeededFuture();
      }
      RtpLeg rtp = allocated.result();
      JsonObject codec = offer.getJsonObject("codec");
      rtp.remote(offer.getString("host"), offer.getInteger("port"), new AudioCodec(codec.getInteger("payloadType"),
          codec.getString("name"), codec.getInteger("dtmfPayloadType", -1)));
      NodeLinkLeg leg = new NodeLinkLeg(this, offer.getString("node"), callId, rtp, offer);
      incoming.put(callId, leg);
      if (center.closing() || !center.arrivals.fromNode(leg, offer)) {
        incoming.remove(callId);
        rtp.close();
        m.reply(refused("no agent took it"));
        return Future.succeededFuture();
      }
      leg.watch();
      m.reply(new JsonObject().put("accepted", true).put("node", node).put("host", rtp.localAddress())
          .put("port", rtp.localPort()));
      return Future.succeededFuture();
    }));
  }

  /** Whether an agent signed in here is Ready in the queue now (a cheap look before allocating a port). */
  boolean readyAgentIn(String queueId) {
    return center.engine.findQueue(queueId).map(q -> q.members().stream()
        .anyMatch(id -> center.agents.containsKey(id) && center.engine.findAgent(id)
            .map(a -> a.state() == AgentState.READY).orElse(false)))
        .orElse(false);
  }

  private static JsonObject refused(String why) {
    return new JsonObject().put("accepted", false).put("reason", why);
  }

  // ---------------------------------------------------------------- the call's node (B)

  /**
   * Offers a waiting call to these nodes in turn, with this end of the link ready; the first that accepts gets it.
   * Completes true when the call now waits there.
   */
  Future<Boolean> offer(Call call, JsonObject request, List<String> nodes) {
    offering.add(call.id);
    return ports.allocate().compose(rtp -> offerTo(call, request, rtp, nodes, 0).onComplete(ar -> {
      if (ar.failed() || !ar.result()) {
        rtp.close();
      }
    })).onComplete(ar -> center.on(() -> {
      offering.remove(call.id);
      early.remove(call.id);
      return Future.succeededFuture();
    }));
  }

  private Future<Boolean> offerTo(Call call, JsonObject request, RtpLeg rtp, List<String> nodes, int i) {
    if (i >= nodes.size()) {
      return Future.succeededFuture(false);
    }
    AudioCodec codec = call.leg.media().codec();
    JsonObject offer = request.copy().put("op", "offer").put("node", node).put("host", rtp.localAddress())
        .put("port", rtp.localPort()).put("codec", new JsonObject().put("payloadType", codec.payloadType())
            .put("name", codec.name()).put("dtmfPayloadType", codec.dtmfPayloadType()));
    return request(nodes.get(i), offer).recover(e -> Future.succeededFuture(refused(e.getMessage())))
        .compose(reply -> center.on(() -> {
          if (!reply.getBoolean("accepted", false)) {
            return offerTo(call, request, rtp, nodes, i + 1);
          }
          String to = nodes.get(i);
          // Still waiting, unrung, here? Else the other node's offer is withdrawn (a local agent got there first).
          if (call.phase != Call.Phase.QUEUED || !call.routed || !call.ringing.isEmpty() || call.link != null) {
            tell(to, message("hangup", call.id).put("by", "system"));
            return Future.succeededFuture(false);
          }
          rtp.remote(reply.getString("host"), reply.getInteger("port"), codec);
          LinkedCall linked = new LinkedCall(this, call, to, rtp);
          outgoing.put(call.id, linked);
          center.engineEvent("linked " + call.id, () -> center.engine.moveOut(call.id));
          linked.start();
          early.getOrDefault(call.id, List.of()).forEach(body -> apply(linked, body));
          return Future.succeededFuture(true);
        }));
  }
}
