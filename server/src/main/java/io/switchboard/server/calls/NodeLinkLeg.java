package io.switchboard.server.calls;

import io.switchboard.media.RtpLeg;
import io.switchboard.media.RtpStream;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * On the agent's node, a caller whose call landed on another node (docs/scale.md, "Agent on node A, call on node B"):
 * its media is the plain RTP link from that node, which relays the trunk leg's audio to it and back; answer and
 * hang-up travel over the clustered event bus ({@link NodeLinks}); keys arrive in the link's RTP (RFC 4733, relayed
 * untouched). Call control builds a {@link Call} around it and switches it into the agent's session like any caller.
 * The call's node keeps the history record and the recording, so this leg's calls write neither.
 */
final class NodeLinkLeg implements CallerLeg {
  private final NodeLinks links;
  /** The node the call landed on (node B). */
  final String callNode;
  final String callId;
  private final RtpLeg rtp;
  private final JsonObject origin;
  private final List<Consumer<EndReason>> ended = new CopyOnWriteArrayList<>();
  private final LinkWatch watch;
  /** Set once call control built the call around this leg: the agent it connects is told to the call's node. */
  Call call;
  private boolean over;

  NodeLinkLeg(NodeLinks links, String callNode, String callId, RtpLeg rtp, JsonObject origin) {
    this.links = links;
    this.callNode = callNode;
    this.callId = callId;
    this.rtp = rtp;
    this.origin = origin;
    this.watch = new LinkWatch(links, callNode, callId, () -> end(EndReason.MEDIA_LOST));
  }

  void watch() {
    watch.start();
  }

  @Override
  public String channel() {
    return "node-link";
  }

  @Override
  public RtpStream media() {
    return rtp;
  }

  /** The call's node already lets the caller hear this link (early media or answered): nothing to do. */
  @Override
  public void earlyMedia() {
  }

  /** The call's node answers its trunk leg and starts recording; done once it has. */
  @Override
  public Future<Void> answer() {
    Agent agent = call == null ? null : call.agent;
    JsonObject who = agent == null ? null : new JsonObject().put("id", agent.id())
        .put("username", agent.account.username()).put("name", agent.account.name());
    return links.request(callNode, NodeLinks.message("answer", callId).put("agent", who)).mapEmpty();
  }

  @Override
  public void reject(int status, String reason) {
    if (close()) {
      links.tell(callNode, NodeLinks.message("reject", callId).put("status", status).put("reason", reason));
    }
  }

  @Override
  public void hangup() {
    if (close()) {
      links.tell(callNode, NodeLinks.message("hangup", callId).put("by", "agent"));
    }
  }

  /** The call's node ended the call (its caller hung up, or it stopped): call control hears it as the caller left. */
  void remoteHungUp() {
    end(EndReason.CALLER_HUNG_UP);
  }

  private void end(EndReason reason) {
    if (close()) {
      ended.forEach(l -> l.accept(reason));
    }
  }

  /** True the first time: stops the watch, frees the port, forgets the link. */
  private boolean close() {
    if (over) {
      return false;
    }
    over = true;
    watch.stop();
    rtp.close();
    links.incoming.remove(callId);
    return true;
  }

  @Override
  public void sendDtmf(char digit) {
    rtp.sendDtmf(digit);
  }

  @Override
  public void onEnded(Consumer<EndReason> listener) {
    ended.add(listener);
  }

  @Override
  public void onDtmf(Consumer<Character> listener) {
    rtp.onDtmf(listener::accept);
  }

  /** The trunk caller's hold stays on the call's node (it only marks that call's timeline). */
  @Override
  public void onHold(Consumer<Boolean> listener) {
  }

  @Override
  public JsonObject describe() {
    return new JsonObject().put("channel", channel()).put("callNode", callNode)
        .put("trunk", origin.getString("trunk"));
  }

  @Override
  public boolean recordedHere() {
    return false;
  }
}
