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
  private MessageConsumer<JsonObject> consumer;

  NodeLinks(CallCenter center, String node, RtpPorts ports, Supplier<Future<List<String>>> peers) {
    this.center = center;
    this.node = node;
    this.ports = ports;
    this.peers = peers;
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
    return consumer.completion();
  }

  Future<Void> close() {
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
    if (callId == null || op == null) {
      m.fail(400, "op and callId are required");
      return;
    }
    LinkedCall out = outgoing.get(callId);
    NodeLinkLeg in = incoming.get(callId);
    switch (op) {
      case "offer" -> offered(m);
      case "alive" -> m.reply(new JsonObject().put("known", out != null || in != null));
      case "answer" -> {
        if (out == null) {
          m.fail(404, "no linked call " + callId);
          return;
        }
        out.answered(body.getJsonObject("agent"));
        m.reply(new JsonObject());
      }
      case "reject" -> {
        if (out != null) {
          out.rejected(body.getInteger("status", 480), body.getString("reason", "Temporarily Unavailable"));
        }
        m.reply(new JsonObject());
      }
      case "hangup" -> {
        if (out != null) {
          out.remoteHungUp(body.getString("by"));
        } else if (in != null) {
          in.remoteHungUp();
        }
        m.reply(new JsonObject());
      }
      default -> m.fail(400, "unknown op " + op);
    }
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
  private boolean readyAgentIn(String queueId) {
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
   * Offers a waiting call to the other nodes in turn, with this end of the link ready; the first that accepts gets
   * it. Completes true when the call now waits there.
   */
  Future<Boolean> offer(Call call, JsonObject request) {
    return ports.allocate().compose(rtp -> peers().compose(nodes -> offerTo(call, request, rtp, nodes, 0))
        .onComplete(ar -> {
          if (ar.failed() || !ar.result()) {
            rtp.close();
          }
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
          center.engineEvent("linked " + call.id, () -> center.engine.hangUp(call.id));
          linked.start();
          return Future.succeededFuture(true);
        }));
  }
}
