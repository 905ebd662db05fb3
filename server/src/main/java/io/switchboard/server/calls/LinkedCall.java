package io.switchboard.server.calls;

import io.switchboard.media.RtpLeg;
import io.switchboard.media.bridge.Bridge;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * On the call's node, a call whose agent is on another node (docs/scale.md, "Agent on node A, call on node B"): the
 * trunk leg's media is bridged to a plain RTP link toward that node, exactly as it would be to an agent's session,
 * and the recording stays here (caller left from the trunk, agent right from the link), as does the history record,
 * which names the agent's node and agent ({@code link}). Touched on the call center's context only.
 */
final class LinkedCall {
  private final NodeLinks links;
  private final Call call;
  /** The agent's node (node A). */
  final String agentNode;
  private final RtpLeg rtp;
  private final LinkWatch watch;
  /** What the history record says of the link: {@code {node, agent, answeredAt, lost}}. */
  final JsonObject facts;
  private boolean over;

  LinkedCall(NodeLinks links, Call call, String agentNode, RtpLeg rtp) {
    this.links = links;
    this.call = call;
    this.agentNode = agentNode;
    this.rtp = rtp;
    this.facts = new JsonObject().put("node", agentNode).put("linkedAt", Instant.now().toString());
    this.watch = new LinkWatch(links, agentNode, call.id, this::lost);
  }

  /**
   * The call leaves this node's queue for the other node's: our ringback or music stops, theirs is relayed, the
   * caller stays in the waiting phase (the longest wait and the caller's hang-up work as before).
   */
  void start() {
    call.routed = false;
    call.audio.pause();
    call.bridge = Bridge.connect(call.leg.media(), rtp, null);
    call.link = this;
    call.event("linked", new JsonObject().put("node", agentNode));
    watch.start();
  }

  /** The agent on the other node answered: answer the trunk, record, relay as a conversation. */
  void answered(JsonObject agent) {
    if (over || call.phase == Call.Phase.ENDED) {
      return;
    }
    call.phase = Call.Phase.CONNECTED;
    call.ringing.clear();
    call.answeredAt = Instant.now();
    facts.put("agent", agent).put("answeredAt", call.answeredAt.toString());
    call.bridge.disconnect();
    links.center.startRecording(call);
    call.bridge = Bridge.connect(call.leg.media(), rtp, call.recorder);
    call.event("answered", new JsonObject().put("agent", agent == null ? null : agent.getString("id"))
        .put("node", agentNode));
    links.center.answerCaller(call);
    links.center.records.saveProgress(call);
  }

  /** The other node refused the call before its answer (its queue overflowed to a refusal). */
  void rejected(int status, String reason) {
    if (over) {
      return;
    }
    over = true;
    release();
    if (call.answered) {
      links.center.flows.closeWith(call, "queue-full", "refused");
    } else {
      call.leg.reject(status, reason);
      links.center.end(call, "refused", "system");
    }
  }

  /** The other node ended its side (the agent hung up, or it stopped). */
  void remoteHungUp(String by) {
    if (over) {
      return;
    }
    over = true;
    release();
    links.center.end(call, call.answeredAt != null ? "answered" : "missed", by == null ? "agent" : by);
  }

  /** The other node stopped answering (it died): the caller gets a BYE, the record says the link was lost. */
  private void lost() {
    if (over) {
      return;
    }
    over = true;
    facts.put("lost", true);
    call.event("link_lost", new JsonObject().put("node", agentNode));
    release();
    links.center.end(call, call.answeredAt != null ? "answered" : "missed", "system");
  }

  /** Call control ends the call here (the caller hung up, the longest wait, a stop): the other node is told. */
  void callEnded(String by) {
    if (over) {
      return;
    }
    over = true;
    release();
    links.tell(agentNode, NodeLinks.message("hangup", call.id).put("by", by));
  }

  private void release() {
    watch.stop();
    links.outgoing.remove(call.id);
    if (call.bridge != null) {
      call.bridge.disconnect();
      call.bridge = null;
    }
    // The bridge goes with the call (CallCenter.end); the port once the last packet toward it has been relayed.
    rtp.close();
  }
}
