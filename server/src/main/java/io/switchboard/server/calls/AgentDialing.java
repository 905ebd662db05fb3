package io.switchboard.server.calls;

import io.switchboard.gateway.OutboundLeg;
import io.switchboard.media.bridge.Bridge;
import io.switchboard.routing.acd.AgentState;
import io.switchboard.server.outbound.OutboundWall;
import io.switchboard.signaling.SignalingException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls agents place from the desk (docs/protocol.md, {@code call.dial}): the number typed on the keypad, or a
 * reference (a call in the history) the server resolves so a masked number never reaches the browser. The call
 * goes through the {@link OutboundDialer} (the wall), is switched into the agent's shift-long media session,
 * recorded, and leaves a history record with {@code direction: outbound}. While it lasts the routing engine sees the
 * agent Not ready ({@value #NOT_READY_REASON}) so no queue offers them a call. Runs on the call center's context.
 */
final class AgentDialing {

  private static final Logger LOG = Logger.getLogger(AgentDialing.class.getName());
  static final String NOT_READY_REASON = "outbound_call";

  private final CallCenter center;
  final Map<String, OutboundCall> calls = new LinkedHashMap<>();
  private OutboundDialer dialer;

  AgentDialing(CallCenter center) {
    this.center = center;
  }

  void dialer(OutboundDialer outbound) {
    this.dialer = outbound;
  }

  /** The one dialer (null until a trunk places calls): transfers to a number go through it too. */
  OutboundDialer dialer() {
    return dialer;
  }

  OutboundCall callOf(Agent agent) {
    return calls.values().stream().filter(c -> c.agent == agent).findFirst().orElse(null);
  }

  /** {@code call.dial}: exactly one of {@code number} and {@code ref}. Completes once the INVITE is sent. */
  Future<Void> dial(Agent agent, String number, String ref) {
    if (dialer == null) {
      return Future.failedFuture(new SignalingException("not_allowed", "no trunk places outbound calls"));
    }
    if (agent.call != null || callOf(agent) != null) {
      return Future.failedFuture(new SignalingException("not_allowed", "you are already on a call"));
    }
    if (!agent.mediaConnected()) {
      return Future.failedFuture(new SignalingException("media_required",
          "the headset (media session) is not connected"));
    }
    if (ref != null && ref.startsWith("cb-")) {
      // Accepting a callback preview: the server dials the stored request as the callback job.
      boolean restoreReady = center.callbacks.restoresReady(ref);
      return center.callbacks.accept(agent, ref).compose(n -> center.on(() -> place(agent, n, ref, restoreReady)));
    }
    boolean wasReady = agent.state == AgentState.READY;
    Future<String> resolved = ref == null ? Future.succeededFuture(number) : center.store.call(ref)
        .compose(record -> record.map(r -> r.getString("direction", "inbound").equals("outbound")
                ? r.getString("to") : r.getString("from"))
            .filter(n -> n != null && n.startsWith("+"))
            .map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(new SignalingException("no_such_call",
                "no call " + ref + " with a number to call back"))));
    return resolved.compose(n -> center.on(() -> place(agent, n, ref, wasReady)));
  }

  private Future<Void> place(Agent agent, String number, String ref, boolean restoreReady) {
    if (agent.call != null || callOf(agent) != null) {
      return Future.failedFuture(new SignalingException("not_allowed", "you are already on a call"));
    }
    boolean callback = ref != null && ref.startsWith("cb-");
    Future<OutboundDialer.Placed> placing = callback
        ? dialer.dialForCallback(ref, queueOf(ref), number)
        : dialer.dialForAgent(agent, number);
    return placing
        .onFailure(e -> center.on(() -> {
          if (callback) {
            center.callbacks.notPlaced(ref, "not_placed", agent.id());
          }
          return Future.succeededFuture();
        }))
        .recover(e -> Future.failedFuture(e instanceof OutboundWall.Refused r
            ? new SignalingException("not_allowed", r.getMessage() + " [" + r.reason() + "]")
            : new SignalingException("unavailable", "the call could not be placed: " + e.getMessage())))
        .compose(placed -> center.on(() -> {
          started(agent, placed, ref, restoreReady);
          return Future.succeededFuture();
        }));
  }

  /** The queue of the callback being previewed (for the wall's log line). */
  private String queueOf(String callbackId) {
    return center.callbacks.queueOf(callbackId);
  }

  private void started(Agent agent, OutboundDialer.Placed placed, String ref, boolean restoreReady) {
    OutboundCall call = new OutboundCall("o-" + UUID.randomUUID(), agent, placed, ref);
    calls.put(call.id, call);
    call.wasReady = restoreReady;
    center.engineEvent("outbound " + agent.id(), () -> center.engine.notReady(agent.id(), NOT_READY_REASON));
    String shown = ref == null ? placed.admitted().e164() : masked(placed.admitted().e164());
    call.event("dialled", new JsonObject().put("agent", agent.id()).put("to", placed.admitted().e164())
        .put("trunk", placed.leg().trunk()).put("reference", ref));
    agent.send(new JsonObject().put("type", "call.dialing").put("callId", call.id).put("to", shown)
        .put("masked", ref != null));
    OutboundLeg leg = placed.leg();
    leg.onProgress(progress -> center.on(() -> {
      String name = progress.name().toLowerCase(Locale.ROOT);
      call.event(name, null);
      if (progress == OutboundLeg.Progress.EARLY_MEDIA && call.bridge == null && agent.media != null) {
        // The carrier's ringback or announcement: the agent hears it, it is not recorded.
        call.bridge = Bridge.connect(leg.media(), agent.media, null);
      }
      agent.send(new JsonObject().put("type", "call.progress").put("callId", call.id).put("progress", name));
      return Future.succeededFuture();
    }));
    leg.answered().onSuccess(v -> center.on(() -> {
      answered(call);
      return Future.succeededFuture();
    }));
    leg.onEnded(ended -> center.on(() -> {
      finish(call, ended);
      return Future.succeededFuture();
    }));
    save(call);
  }

  private void answered(OutboundCall call) {
    if (call.endedAt != null) {
      return;
    }
    Agent agent = call.agent;
    if (agent.media == null) {
      call.hungUpBy = "system";
      call.placed.leg().hangup();
      return;
    }
    call.answeredAt = Instant.now();
    if (call.bridge != null) {
      call.bridge.disconnect();
    }
    if (center.config.recordCalls()) {
      call.recorder = center.recordings.start(CallCenter.DAY.format(call.startedAt) + "/" + call.id);
    }
    // Recorded like inbound calls: the customer (the leg) left, the agent right.
    call.bridge = Bridge.connect(call.placed.leg().media(), agent.media, call.recorder);
    agent.media.closed().onComplete(r -> center.on(() -> {
      if (call.endedAt == null) {
        call.event("agent_media_lost", null);
        call.hungUpBy = "system";
        call.placed.leg().hangup();
      }
      return Future.succeededFuture();
    }));
    call.event("answered", new JsonObject().put("mediaSession", agent.media.id()));
    agent.send(new JsonObject().put("type", "call.answered").put("callId", call.id)
        .put("answeredAt", call.answeredAt.toString()));
    save(call);
  }

  /** The agent hangs up: CANCEL while it rings, BYE once answered. */
  void hangup(Agent agent, String callId) {
    OutboundCall call = calls.get(callId);
    if (call == null || call.agent != agent) {
      throw new SignalingException("not_allowed", "you are not on this call");
    }
    call.hungUpBy = "agent";
    call.placed.leg().hangup();
  }

  private void finish(OutboundCall call, OutboundLeg.Ended ended) {
    if (call.endedAt != null) {
      return;
    }
    call.endedAt = Instant.now();
    calls.remove(call.id);
    dialer.released(call.placed);
    if (call.bridge != null) {
      call.bridge.disconnect();
      call.bridge = null;
    }
    if (call.hungUpBy == null) {
      call.hungUpBy = ended.reason() == OutboundLeg.EndReason.REMOTE_HUNG_UP ? "customer" : "system";
    }
    call.outcome = call.answeredAt != null ? "answered" : ended.reason().name().toLowerCase(Locale.ROOT);
    call.event("ended", new JsonObject().put("reason", ended.reason().name()).put("status", ended.status())
        .put("by", call.hungUpBy));
    Agent agent = call.agent;
    agent.send(new JsonObject().put("type", "call.ended").put("callId", call.id).put("by", call.hungUpBy)
        .put("reason", ended.reason().name().toLowerCase(Locale.ROOT))
        .put("durationSeconds", call.answeredAt == null ? 0
            : Duration.between(call.answeredAt, call.endedAt).toSeconds()));
    if (call.reference != null && call.reference.startsWith("cb-")) {
      center.callbacks.attemptEnded(call.reference, call.outcome, agent.id());
    }
    if (call.wasReady && center.agents.get(agent.id()) == agent) {
      center.engineEvent("outbound over " + agent.id(), () -> center.engine.ready(agent.id()));
    }
    Future<JsonObject> recording = call.recorder == null ? Future.succeededFuture(null)
        : Future.fromCompletionStage(center.recordings.stop(call.recorder), center.context).map(r -> new JsonObject()
            .put("file", center.records.relative(r.file())).put("durationMillis", r.durationMillis())
            .put("bytes", r.bytes()).put("droppedFrames", r.droppedFrames()));
    write(call, recording.recover(e -> Future.succeededFuture(new JsonObject().put("error", e.getMessage()))));
  }

  /** Hangs up every outbound call (the server is stopping). */
  void closeAll() {
    calls.values().forEach(c -> {
      c.hungUpBy = "system";
      c.placed.leg().hangup();
    });
  }

  private void save(OutboundCall call) {
    JsonObject recording = call.recorder == null ? null
        : new JsonObject().put("file", center.records.relative(call.recorder.file()));
    write(call, Future.succeededFuture(recording));
  }

  private void write(OutboundCall call, Future<JsonObject> recording) {
    Future<Void> write = call.lastWrite.compose(v -> recording).map(call::record).compose(center.store::saveCall)
        .onFailure(e -> LOG.log(Level.SEVERE, "history record of outbound call " + call.id + " not saved", e))
        .recover(e -> Future.succeededFuture());
    call.lastWrite = write;
    center.records.track(write.timeout(10, TimeUnit.SECONDS));
  }

  /** The last digits only (deliverable "number masking"): {@code +49151•••••678}. */
  static String masked(String e164) {
    int keep = Math.min(4, e164.length());
    return "•".repeat(Math.max(0, e164.length() - keep)) + e164.substring(e164.length() - keep);
  }
}
