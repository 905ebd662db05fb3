package io.switchboard.server.calls;

import io.switchboard.gateway.OutboundLeg;
import io.switchboard.media.bridge.Bridge;
import io.switchboard.media.bridge.TonePlayer;
import io.switchboard.routing.acd.AgentState;
import io.switchboard.routing.acd.CallRequest;
import io.switchboard.routing.acd.RoutedCall;
import io.switchboard.server.outbound.OutboundWall;
import io.switchboard.signaling.SignalingException;
import io.switchboard.signaling.TransferRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Transfers from the agent desk (docs/routing.md, "Transfers"; docs/protocol.md, {@code transfer.*}): blind to a
 * colleague, a queue or a number; warm (consult first while the caller hears music on hold, then complete or
 * cancel) to a colleague or a number. A colleague is reserved in the routing engine (Not ready
 * {@value #RESERVED_REASON}) while consulted and takes the call over with {@code handOver}; a queue gets the caller
 * again with {@value #QUEUE_PRIORITY_BONUS} extra priority; a number is dialled through the {@link OutboundDialer},
 * so the outbound wall judges the <em>agent</em> asking, never the caller. Each transfer is an entry of the call's
 * {@code transfers} and its timeline; each agent segment is its own recording file. Runs on the call center's
 * context.
 */
final class Transfers {

  /** Priority added to a caller transferred to a queue: they already waited once. */
  static final int QUEUE_PRIORITY_BONUS = 10;
  /** Longest wait for the carrier's NOTIFY of a REFER's final outcome (the referred number rings meanwhile). */
  static final long REFER_WAIT_SECONDS = 90;
  /** The Not ready reason that reserves a consulted colleague. */
  static final String RESERVED_REASON = "consultation";

  private final CallCenter center;
  private final TransferRecords records;
  /** Transfers in progress (consulting, or a blind transfer to a number still ringing), by call id. */
  private final Map<String, Consultation> byCall = new HashMap<>();
  /** Calls whose caller now talks to an external number (a completed transfer), by call id. */
  private final Map<String, OutboundDialer.Placed> external = new HashMap<>();

  Transfers(CallCenter center) {
    this.center = center;
    this.records = new TransferRecords(center);
  }

  // ---------------------------------------------------------------- the desk's commands

  Future<Void> command(Agent agent, TransferRequest r) {
    Call call = center.calls.get(r.callId());
    if (call == null) {
      throw new SignalingException("no_such_call", "no call " + r.callId());
    }
    Consultation running = byCall.get(call.id);
    switch (r.action()) {
      case TransferRequest.BLIND, TransferRequest.CONSULT -> {
        if (call.phase != Call.Phase.CONNECTED || call.agent != agent) {
          throw new SignalingException("not_allowed", "you are not on this call");
        }
        if (running != null) {
          throw new SignalingException("not_allowed", "a transfer of this call is already in progress");
        }
        boolean blind = r.action().equals(TransferRequest.BLIND);
        return switch (r.kind()) {
          case TransferRequest.QUEUE -> {
            if (!blind) {
              throw new SignalingException("invalid_field", "a queue cannot be consulted; transfer blind");
            }
            toQueue(agent, call, r.target());
            yield Future.succeededFuture();
          }
          case TransferRequest.AGENT -> {
            toColleague(agent, call, colleague(agent, r.target()), blind);
            yield Future.succeededFuture();
          }
          default -> toNumber(agent, call, r.target(), blind);
        };
      }
      case TransferRequest.COMPLETE -> {
        if (running == null || running.agent != agent || running.blind) {
          throw new SignalingException("not_allowed", "you are not consulting for this call");
        }
        complete(running);
      }
      default -> {
        if (running == null || (running.agent != agent && running.colleague != agent)) {
          throw new SignalingException("not_allowed", "no transfer of this call is yours to cancel");
        }
        cancel(running, running.colleague == agent ? "declined" : "cancelled");
      }
    }
    return Future.succeededFuture();
  }

  /** Whether {@code agent} is the colleague of a consultation under way (reserved: no state changes, no offers). */
  boolean consulted(Agent agent) {
    return byCall.values().stream().anyMatch(c -> c.colleague == agent);
  }

  /** Whether a transfer of this call is under way (consulting, or dialling its target). */
  boolean inProgress(Call call) {
    return byCall.containsKey(call.id);
  }

  /** {@code transfer.targets}: colleagues with their state, queues with their waiting callers, whether numbers can be dialled. */
  JsonObject targets(Agent asking) {
    JsonArray agents = new JsonArray();
    center.agents.values().stream().filter(a -> a != asking).forEach(a -> agents.add(new JsonObject()
        .put("id", a.id()).put("name", a.account.name()).put("state", Agent.wire(a.state))
        .put("available", available(a))));
    JsonArray queues = new JsonArray();
    center.routing.queues().forEach(q -> queues.add(new JsonObject().put("id", q.id())
        .put("name", center.queueName(q.id()))
        .put("waiting", center.engine.findQueue(q.id()).map(x -> x.waiting().size()).orElse(0))));
    return new JsonObject().put("agents", agents).put("queues", queues)
        .put("numbers", center.dialing.dialer() != null);
  }

  // ---------------------------------------------------------------- to a queue

  private void toQueue(Agent agent, Call call, String queueId) {
    if (center.engine.findQueue(queueId).isEmpty()) {
      throw new SignalingException("invalid_field", "queue: no queue " + queueId);
    }
    RoutedCall routed = center.engine.findCall(call.id).orElse(null);
    int priority = (routed == null ? 0 : routed.request().priority()) + QUEUE_PRIORITY_BONUS;
    Map<String, Integer> skills = routed == null ? Map.of() : routed.request().skills();
    JsonObject entry = TransferRecords.entry(call, "blind", TransferRequest.QUEUE, agent, queueId);
    records.endSegment(call);
    center.detachAgent(call, "transfer", true);
    requeue(call, queueId, priority, skills, entry);
  }

  private void requeue(Call call, String queueId, int priority, Map<String, Integer> skills, JsonObject entry) {
    call.phase = Call.Phase.QUEUED;
    call.queueId = queueId;
    call.queueName = center.queueName(queueId);
    call.hold.set(false, Instant.now());
    call.audio.background(TonePlayer.Pattern.HOLD_MUSIC);
    call.routed = true;
    entry.put("priority", priority);
    boolean accepted = center.engineEvent("transfer " + call.id + " to " + queueId,
        () -> center.engine.callArrived(new CallRequest(call.id, queueId, priority, skills)));
    if (accepted) {
      TransferRecords.outcome(call, entry, "queued");
    } else {
      call.routed = false;
      TransferRecords.outcome(call, entry, "refused");
      center.flows.closeWith(call, "all-busy", "refused");
    }
    center.records.saveProgress(call);
  }

  // ---------------------------------------------------------------- to a colleague

  private Agent colleague(Agent asking, String id) {
    Agent colleague = center.agents.get(id);
    if (colleague == null || colleague == asking) {
      throw new SignalingException("invalid_field", "agent: no other agent " + id + " is signed in");
    }
    if (!available(colleague)) {
      throw new SignalingException("not_allowed", "agent " + colleague.account.username() + " is busy ("
          + Agent.wire(colleague.state) + ")");
    }
    return colleague;
  }

  /** Whether the engine will hand a call to this (reserved or Ready) colleague, and their headset can take it. */
  private boolean canTakeOver(Agent colleague) {
    AgentState state = center.engine.findAgent(colleague.id()).map(a -> a.state()).orElse(AgentState.LOGGED_OUT);
    return center.agents.get(colleague.id()) == colleague && colleague.mediaConnected()
        && (state == AgentState.READY || state == AgentState.NOT_READY);
  }

  private static boolean available(Agent a) {
    return a.state == AgentState.READY && a.call == null && a.mediaConnected();
  }

  private void toColleague(Agent agent, Call call, Agent colleague, boolean blind) {
    if (blind) {
      JsonObject entry = TransferRecords.entry(call, "blind", TransferRequest.AGENT, agent, colleague.id());
      handOver(call, agent, colleague, entry);
      return;
    }
    if (center.engineCommand("reserve " + colleague.id(),
        () -> center.engine.notReady(colleague.id(), RESERVED_REASON)).isPresent()) {
      throw new SignalingException("not_allowed", "agent " + colleague.account.username() + " is busy");
    }
    Consultation c = new Consultation(TransferRequest.AGENT, call, agent, false,
        TransferRecords.entry(call, "consult", TransferRequest.AGENT, agent, colleague.id()));
    c.colleague = colleague;
    c.colleagueWasReady = true;
    byCall.put(call.id, c);
    holdCaller(call, agent);
    // The two desks' sessions are bridged; the caller's bridge stays, held, for the return or the hand-over.
    c.bridge = Bridge.connect(agent.media, colleague.media, null);
    agent.send(new JsonObject().put("type", "transfer.consulting").put("callId", call.id)
        .put("kind", TransferRequest.AGENT).put("to", new JsonObject().put("id", colleague.id())
            .put("name", colleague.account.name())));
    colleague.send(new JsonObject().put("type", "transfer.consulted").put("callId", call.id)
        .put("by", new JsonObject().put("id", agent.id()).put("name", agent.account.name()))
        .put("caller", shownNumber(call)).put("customer", call.card));
  }

  /** The colleague takes the call over (blind, or a completed consultation): a new segment, recorded apart. */
  private void handOver(Call call, Agent agent, Agent colleague, JsonObject entry) {
    records.endSegment(call);
    center.detachAgent(call, "transfer", false);
    call.hold.set(false, Instant.now());
    colleague.send(new JsonObject().put("type", "call.transferred").put("callId", call.id)
        .put("from", shownNumber(call)).put("masked", center.routing.masksNumbers(call.queueId))
        .put("to", call.to)
        .put("queue", call.queueId == null ? null
            : new JsonObject().put("id", call.queueId).put("name", call.queueName))
        .put("by", new JsonObject().put("id", agent.id()).put("name", agent.account.name()))
        .put("customer", call.card));
    // The engine's Connect bridges the caller into the colleague's session (CallCenter.connect).
    if (center.engineEvent("transfer " + call.id + " to " + colleague.id(),
        () -> center.engine.handOver(call.id, colleague.id()))) {
      TransferRecords.outcome(call, entry, "completed");
    } else {
      // Never expected (availability was checked on this context): the caller is not left alone.
      TransferRecords.outcome(call, entry, "failed");
      call.routed = true;
      requeueAfterFailure(call, entry);
    }
  }

  // ---------------------------------------------------------------- to a number

  private Future<Void> toNumber(Agent agent, Call call, String number, boolean blind) {
    OutboundDialer dialer = center.dialing.dialer();
    if (dialer == null) {
      throw new SignalingException("not_allowed", "no trunk places outbound calls");
    }
    if (blind && call.agent == agent && call.leg instanceof SipCallerLeg trunkCaller
        && dialer.refers(trunkCaller.sip().trunk())) {
      return byRefer(agent, call, trunkCaller, number, dialer);
    }
    Consultation c = new Consultation(TransferRequest.NUMBER, call, agent, blind,
        TransferRecords.entry(call, blind ? "blind" : "consult", TransferRequest.NUMBER, agent, number));
    byCall.put(call.id, c); // holds the place while dialling: no second transfer meanwhile
    // The wall judges the agent (permission, dial plan, caps): the caller's own input never chooses the number.
    return dialer.dialForAgent(agent, number).transform(ar -> center.on(() -> {
      if (ar.failed()) {
        byCall.remove(call.id, c);
        String reason = ar.cause() instanceof OutboundWall.Refused r ? r.reason() : "not_placed";
        TransferRecords.outcome(call, c.entry, reason);
        return Future.failedFuture(ar.cause() instanceof OutboundWall.Refused r
            ? new SignalingException("not_allowed", r.getMessage() + " [" + r.reason() + "]")
            : new SignalingException("unavailable", "the call could not be placed: " + ar.cause().getMessage()));
      }
      c.placed = ar.result();
      c.entry.put("to", c.placed.admitted().e164()).put("trunk", c.placed.leg().trunk())
          .put("sipCallId", c.placed.leg().callId());
      watch(c);
      if (call.phase == Call.Phase.ENDED || byCall.get(call.id) != c) {
        c.placed.leg().hangup(); // the caller left while we dialled
        return Future.succeededFuture();
      }
      if (blind) {
        if (call.agent == agent) {
          records.endSegment(call);
          center.detachAgent(call, "transfer", true);
        }
        call.agent = null;
        c.agent = null;
        holdCaller(call, null);
      } else {
        holdCaller(call, agent);
        c.bridge = Bridge.connect(c.placed.leg().media(), agent.media, null);
        agent.send(new JsonObject().put("type", "transfer.consulting").put("callId", call.id)
            .put("kind", TransferRequest.NUMBER).put("to", new JsonObject().put("number", number)));
      }
      return Future.succeededFuture();
    }));
  }

  /**
   * A blind transfer of a trunk caller by REFER to their carrier (trunk flag {@code transfer: refer}; RFC 3515): the
   * wall admits the number for the agent on the caller's trunk first (a refusal refuses the command, nothing
   * changes); the agent leaves, the caller hears music until the carrier's NOTIFY says how the referred call went.
   * Connected there: our side of the call ends (BYE, RFC 5589 §6). Refused or failed: bridged through an outbound
   * leg instead, as without the flag.
   */
  private Future<Void> byRefer(Agent agent, Call call, SipCallerLeg caller, String number, OutboundDialer dialer) {
    Future<Integer> referred = dialer.referForAgent(agent, caller.sip(), number);
    if (referred.failed() && referred.cause() instanceof OutboundWall.Refused r) {
      if (r.reason().equals("no_outbound_trunk")) {
        return toNumber(agent, call, number, true); // the caller's trunk has no outbound rules: bridge
      }
      throw new SignalingException("not_allowed", r.getMessage() + " [" + r.reason() + "]");
    }
    Consultation c = new Consultation(TransferRequest.NUMBER, call, agent, true,
        TransferRecords.entry(call, "blind", TransferRequest.NUMBER, agent, number).put("via", "refer")
            .put("trunk", caller.sip().trunk()));
    byCall.put(call.id, c);
    records.endSegment(call);
    center.detachAgent(call, "transfer", true);
    call.agent = null;
    c.agent = null;
    holdCaller(call, null);
    referred.timeout(REFER_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS).onComplete(ar -> center.on(() -> {
      if (c.over || call.phase == Call.Phase.ENDED) {
        return Future.succeededFuture();
      }
      if (ar.succeeded()) {
        finishTo(c, "completed");
        center.end(call, "answered", "transfer");
        return Future.succeededFuture();
      }
      finishTo(c, "refer_failed");
      c.entry.put("error", String.valueOf(ar.cause().getMessage()));
      return toNumber(agent, call, number, true).onFailure(e -> requeueAfterFailure(call, c.entry));
    }));
    return Future.succeededFuture();
  }

  private void watch(Consultation c) {
    OutboundLeg leg = c.placed.leg();
    leg.onProgress(p -> center.on(() -> {
      if (!c.over && c.agent != null) {
        c.agent.send(new JsonObject().put("type", "transfer.progress").put("callId", c.call.id)
            .put("progress", p.name().toLowerCase(Locale.ROOT)));
      }
      return Future.succeededFuture();
    }));
    leg.answered().onSuccess(v -> center.on(() -> {
      if (c.over) {
        return Future.succeededFuture();
      }
      c.answered = true;
      c.call.event("transfer_answered", new JsonObject().put("to", c.targetName()));
      if (c.blind) {
        finishTo(c, "completed");
        connectExternal(c);
      } else if (c.agent != null) {
        c.agent.send(new JsonObject().put("type", "transfer.progress").put("callId", c.call.id)
            .put("progress", "answered"));
      }
      return Future.succeededFuture();
    }));
    leg.onEnded(ended -> center.on(() -> {
      center.dialing.dialer().released(c.placed);
      if (!c.over) {
        String why = c.answered ? "target_hung_up" : ended.reason().name().toLowerCase(Locale.ROOT);
        if (c.blind) {
          finishTo(c, why);
          requeueAfterFailure(c.call, c.entry);
        } else {
          cancel(c, why);
        }
      } else if (external.get(c.call.id) == c.placed) {
        external.remove(c.call.id);
        c.call.event("transfer_target_hung_up", new JsonObject().put("to", c.targetName()));
        center.end(c.call, "answered", "transfer_target");
      }
      return Future.succeededFuture();
    }));
  }

  /** The caller talks to the external number now, recorded as its own segment (caller left, number right). */
  private void connectExternal(Consultation c) {
    Call call = c.call;
    if (call.bridge != null) {
      call.bridge.disconnect();
    }
    call.agent = null;
    call.phase = Call.Phase.CONNECTED;
    call.audio.pause();
    call.hold.set(false, Instant.now());
    if (center.config.recordCalls()) {
      call.recorder = center.recordings.start(CallCenter.DAY.format(call.arrivedAt) + "/" + call.id + "-"
          + call.segment);
    }
    call.bridge = Bridge.connect(call.leg.media(), c.placed.leg().media(), call.recorder);
    external.put(call.id, c.placed);
    call.event("transfer_connected", new JsonObject().put("to", c.targetName()).put("segment", call.segment));
    center.records.saveProgress(call);
  }

  // ---------------------------------------------------------------- complete, cancel, the caller leaves

  private void complete(Consultation c) {
    if (c.kind.equals(TransferRequest.NUMBER) && !c.answered) {
      throw new SignalingException("not_allowed", "the number has not answered yet");
    }
    if (c.colleague != null && !canTakeOver(c.colleague)) {
      // Signed out or lost the headset while consulted: the caller is not handed to nobody.
      cancel(c, "target_unavailable");
      throw new SignalingException("not_allowed", c.colleague.account.username()
          + " can no longer take the call; you are back with the caller");
    }
    finishTo(c, "completed");
    c.unbridge();
    Call call = c.call;
    if (c.colleague != null) {
      handOver(call, c.agent, c.colleague, c.entry);
      return;
    }
    records.endSegment(call);
    center.detachAgent(call, "transfer", true);
    connectExternal(c);
  }

  /** Back to the caller: the colleague or the number leaves, the agent talks to the caller again. */
  private void cancel(Consultation c, String why) {
    finishTo(c, why);
    c.unbridge();
    if (c.colleague != null) {
      Agent colleague = c.colleague;
      if (c.colleagueWasReady && center.agents.get(colleague.id()) == colleague) {
        center.engineEvent("consultation over " + colleague.id(), () -> center.engine.ready(colleague.id()));
      }
      colleague.send(new JsonObject().put("type", "transfer.ended").put("callId", c.call.id).put("outcome", why));
    }
    if (c.placed != null) {
      c.placed.leg().hangup();
    }
    Call call = c.call;
    Agent agent = c.agent;
    if (agent == null || call.phase != Call.Phase.CONNECTED || call.agent != agent || agent.media == null) {
      return;
    }
    if (call.bridge != null) {
      call.bridge.disconnect();
    }
    call.bridge = Bridge.connect(call.leg.media(), agent.media, call.recorder);
    call.hold.set(false, Instant.now());
    call.audio.pause();
    call.event("resume", new JsonObject().put("agent", agent.id()));
    agent.send(new JsonObject().put("type", "call.held").put("callId", call.id).put("on", false));
    agent.send(new JsonObject().put("type", "transfer.ended").put("callId", call.id).put("outcome", why));
  }

  /** The call ended (CallCenter.end): a consultation stops, an external leg is hung up. */
  void callEnded(Call call) {
    Consultation c = byCall.get(call.id);
    if (c != null && !c.over) {
      String why = "caller".equals(call.hungUpBy) ? "caller_hung_up" : "call_ended";
      cancel(c, why);
      if (c.agent != null) {
        c.agent.send(new JsonObject().put("type", "transfer.ended").put("callId", call.id).put("outcome", why));
      }
    }
    OutboundDialer.Placed out = external.remove(call.id);
    if (out != null) {
      out.leg().hangup();
    }
  }

  // ---------------------------------------------------------------- shared steps

  /** A blind transfer that could not reach its target: the caller waits in their queue, ahead of others. */
  private void requeueAfterFailure(Call call, JsonObject entry) {
    if (call.phase == Call.Phase.ENDED || call.queueId == null) {
      return;
    }
    RoutedCall routed = center.engine.findCall(call.id).orElse(null);
    if (routed != null) {
      return; // still known to the engine: nothing to redo
    }
    call.agent = null;
    requeue(call, call.queueId, QUEUE_PRIORITY_BONUS, Map.of(), entry.copy().put("fallback", true));
  }

  private void holdCaller(Call call, Agent agent) {
    if (call.bridge != null && !call.bridge.held()) {
      call.bridge.hold(true);
    }
    call.hold.set(true, Instant.now());
    call.audio.background(TonePlayer.Pattern.HOLD_MUSIC);
    if (agent != null) {
      agent.send(new JsonObject().put("type", "call.held").put("callId", call.id).put("on", true));
    }
  }

  private void finishTo(Consultation c, String outcome) {
    c.over = true;
    byCall.remove(c.call.id, c);
    c.entry.put("consultSeconds", Duration.between(c.startedAt, Instant.now()).toSeconds());
    TransferRecords.outcome(c.call, c.entry, outcome);
  }

  private String shownNumber(Call call) {
    return center.routing.masksNumbers(call.queueId) ? AgentDialing.masked(call.from) : call.from;
  }
}
