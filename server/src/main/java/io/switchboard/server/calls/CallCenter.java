package io.switchboard.server.calls;

import io.switchboard.gateway.InboundCallHandler;
import io.switchboard.gateway.SipLeg;
import io.switchboard.media.CloseReason;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.media.bridge.Bridge;
import io.switchboard.media.bridge.TonePlayer;
import io.switchboard.media.recording.Recordings;
import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Call control with the first routing path: inbound calls from the gateway wait in their queue hearing ringback; the
 * longest-idle Ready agent is offered the call; an offer not answered in time goes to the next agent, and an agent
 * who misses too many in a row goes Not ready. Answering bridges the caller into the agent's shift-long media
 * session, recorded. Everything here runs on one Vert.x context, so there are no locks: every entry point hops there.
 * The agents' side (their sockets' commands) is {@link AgentDesk}.
 */
public final class CallCenter implements InboundCallHandler {
  private static final Logger LOG = Logger.getLogger(CallCenter.class.getName());
  private static final long PROGRESS_INTERVAL_MS = 60_000;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  final Vertx vertx;
  private final Context context;
  final CallsConfig config;
  private final Store store;
  final WebRtcEndpoint endpoint;
  private final Recordings recordings;
  private final List<QueueConfig> queues;
  final Map<String, Agent> agents = new LinkedHashMap<>();
  final Map<String, Call> calls = new LinkedHashMap<>();
  private final AgentDesk desk = new AgentDesk(this);
  /** History records being written; a graceful stop waits for them before the store closes. */
  private final java.util.Set<Future<Void>> pendingWrites = new java.util.HashSet<>();
  private boolean closing;
  /**
   * The caller's customer card, looked up when the call arrives; the call is offered once it is known, failed, or
   * {@link #CARD_WAIT_MS} passed, whichever is first (then without it: a slow database must not hold calls).
   */
  private final Map<String, Future<JsonObject>> callerCards = new HashMap<>();
  static final long CARD_WAIT_MS = 300;

  public CallCenter(Vertx vertx, CallsConfig config, Store store, WebRtcEndpoint endpoint, Recordings recordings,
      List<QueueConfig> queues) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.config = config;
    this.store = store;
    this.endpoint = endpoint;
    this.recordings = recordings;
    this.queues = List.copyOf(queues);
  }

  // ---------------------------------------------------------------- inbound calls (gateway)

  @Override
  public void onIncomingCall(SipLeg leg) {
    on(() -> {
      arrive(leg);
      return Future.succeededFuture();
    });
  }

  private void arrive(SipLeg leg) {
    if (closing) {
      leg.reject(503, "Service Unavailable");
      return;
    }
    String to = PhoneNumbers.e164(leg.to(), config.defaultRegion());
    Optional<QueueConfig> queue = queueFor(leg.to(), to);
    if (queue.isEmpty()) {
      leg.reject(404, "Not Found");
      return;
    }
    Call call = new Call("c-" + UUID.randomUUID(), leg, PhoneNumbers.e164(leg.from(), config.defaultRegion()), to,
        queue.get().id(), queue.get().name());
    calls.put(call.id, call);
    call.event("arrived", new JsonObject().put("trunk", leg.trunk()).put("from", call.from).put("to", call.to));
    leg.onEnded(reason -> on(() -> {
      callerGone(call, reason);
      return Future.succeededFuture();
    }));
    leg.onDtmf(digit -> on(() -> {
      call.event("dtmf", new JsonObject().put("digit", String.valueOf(digit)).put("from", "caller"));
      return Future.succeededFuture();
    }));
    leg.onHold(held -> on(() -> {
      call.event(held ? "caller_hold" : "caller_resume");
      return Future.succeededFuture();
    }));
    // Early media (183) rather than answering: the caller hears our ringback while queued and the call is answered
    // (200 OK, billed) only when an agent picks up; a caller who gives up sends CANCEL.
    leg.earlyMedia();
    call.waitingTone = TonePlayer.start(vertx, leg.media(), TonePlayer.Pattern.RINGBACK);
    call.queuedAt = Instant.now();
    call.event("queued", new JsonObject().put("queue", call.queueId));
    saveProgress(call);
    call.progressTimer = vertx.setPeriodic(PROGRESS_INTERVAL_MS, id -> on(() -> {
      if (call.phase == Call.Phase.QUEUED || call.phase == Call.Phase.RINGING) {
        leg.earlyMedia();
      }
      return Future.succeededFuture();
    }));
    call.maxWaitTimer = vertx.setTimer(config.maxQueueWait().toMillis(), id -> on(() -> {
      if (call.phase == Call.Phase.QUEUED || call.phase == Call.Phase.RINGING) {
        call.event("max_wait_reached", new JsonObject().put("seconds", config.maxQueueWait().toSeconds()));
        end(call, "missed", "system");
      }
      return Future.succeededFuture();
    }));
    callerCards.put(call.id, store.callerCard(call.from).timeout(CARD_WAIT_MS, TimeUnit.MILLISECONDS)
        .onComplete(card -> on(() -> {
          if (card.failed()) {
            LOG.fine(() -> "no customer card for " + call.id + ": " + card.cause());
          }
          dispatch();
          return Future.succeededFuture();
        })));
  }

  private Optional<QueueConfig> queueFor(String dialled, String e164) {
    for (QueueConfig q : queues) {
      if (q.dids().contains(dialled) || q.dids().contains(e164)) {
        return Optional.of(q);
      }
    }
    return queues.isEmpty() ? Optional.empty() : Optional.of(queues.get(0));
  }

  private void callerGone(Call call, SipLeg.EndReason reason) {
    if (call.phase == Call.Phase.ENDED) {
      return;
    }
    call.event("caller_left", new JsonObject().put("reason", reason.name()));
    if (reason == SipLeg.EndReason.WE_HUNG_UP) {
      return;
    }
    end(call, call.phase == Call.Phase.CONNECTED ? "answered" : "abandoned", "caller");
  }

  // ---------------------------------------------------------------- routing: the first path

  /** Offers waiting calls, oldest first, to the longest-idle Ready agents. */
  void dispatch() {
    if (closing) {
      return;
    }
    for (Call call : new ArrayList<>(calls.values())) {
      if (call.phase != Call.Phase.QUEUED || call.queuedAt == null) {
        continue;
      }
      Future<JsonObject> card = callerCards.get(call.id);
      if (card != null && !card.isComplete()) {
        continue; // still looking the caller up (at most CARD_WAIT_MS)
      }
      Optional<Agent> agent = longestIdle(call);
      if (agent.isEmpty() && !call.triedAgents.isEmpty()) {
        // Everyone available has had a go: start another round rather than let the call starve.
        call.triedAgents.clear();
        agent = longestIdle(call);
      }
      if (agent.isEmpty()) {
        return; // FIFO: no one is free for the oldest call, so no one is for the newer ones.
      }
      offer(call, agent.get());
    }
  }

  private Optional<Agent> longestIdle(Call call) {
    return agents.values().stream()
        .filter(a -> a.state == AgentState.READY && a.mediaConnected() && a.connection != null)
        .filter(a -> !call.triedAgents.contains(a.id()))
        .min(Comparator.comparing((Agent a) -> a.idleSince).thenComparing(Agent::id));
  }

  private void offer(Call call, Agent agent) {
    call.phase = Call.Phase.RINGING;
    call.offeredTo = agent;
    call.offers++;
    call.triedAgents.add(agent.id());
    if (call.offeredAt == null) {
      call.offeredAt = Instant.now();
    }
    agent.call = call;
    call.event("offered", new JsonObject().put("agent", agent.id()).put("idleSince", agent.idleSince.toString())
        .put("why", "longest idle Ready agent with a connected headset"));
    agent.state(AgentState.RINGING, null);
    agent.send(new JsonObject().put("type", "call.offer").put("callId", call.id).put("from", call.from)
        .put("to", call.to).put("queue", new JsonObject().put("id", call.queueId).put("name", call.queueName))
        .put("ringTimeoutSeconds", config.ringTimeout().toSeconds())
        .put("customer", Optional.ofNullable(callerCards.get(call.id)).filter(Future::succeeded).map(Future::result)
            .orElse(null)));
    call.ringTimer = vertx.setTimer(config.ringTimeout().toMillis(), id -> on(() -> {
      if (call.phase == Call.Phase.RINGING && call.offeredTo == agent) {
        withdrawOffer(call, "ring_timeout");
      }
      return Future.succeededFuture();
    }));
  }

  /** The offer ends without an answer; the call waits again and the agent is free (or Not ready). */
  void withdrawOffer(Call call, String reason) {
    Agent agent = call.offeredTo;
    cancelRingTimer(call);
    call.offeredTo = null;
    call.phase = Call.Phase.QUEUED;
    call.event("offer_withdrawn", new JsonObject().put("agent", agent.id()).put("reason", reason));
    agent.call = null;
    agent.send(new JsonObject().put("type", "call.offer_cancelled").put("callId", call.id).put("reason", reason));
    agent.idleSince = Instant.now();
    if (reason.equals("ring_timeout")) {
      agent.missedInARow++;
    }
    if (agent.missedInARow >= config.maxMissedOffers()) {
      agent.state(AgentState.NOT_READY, "missed_calls");
      call.event("agent_not_ready", new JsonObject().put("agent", agent.id()).put("reason", "missed_calls"));
    } else if (agent.connection != null) {
      agent.state(AgentState.READY, null);
    } else {
      agent.state = AgentState.NOT_READY;
    }
    dispatch();
  }

  void connect(Call call, Agent agent) {
    cancelRingTimer(call);
    cancelWaitTimers(call);
    stopTones(call);
    call.phase = Call.Phase.CONNECTED;
    call.agent = agent;
    call.offeredTo = null;
    call.answeredAt = Instant.now();
    agent.missedInARow = 0;
    if (config.recordCalls()) {
      call.recorder = recordings.start(DAY.format(call.arrivedAt) + "/" + call.id);
    }
    call.bridge = Bridge.connect(call.leg.media(), agent.media, call.recorder);
    call.event("answered", new JsonObject().put("agent", agent.id()).put("mediaSession", agent.media.id()));
    // The agent hears the caller at once (the media already flows as early media); the 200 OK follows.
    call.leg.answer().onComplete(ar -> on(() -> {
      if (ar.failed() && call.phase == Call.Phase.CONNECTED) {
        call.event("answer_failed", new JsonObject().put("error", String.valueOf(ar.cause().getMessage())));
        end(call, "answered", "system");
      }
      return Future.succeededFuture();
    }));
    agent.state(AgentState.ON_CALL, null);
    agent.send(new JsonObject().put("type", "call.answered").put("callId", call.id)
        .put("answeredAt", call.answeredAt.toString()));
    saveProgress(call);
  }

  /** Ends a call once: hangs up the caller unless they left, frees the agent, writes the history record. */
  void end(Call call, String outcome, String by) {
    if (call.phase == Call.Phase.ENDED) {
      return;
    }
    Call.Phase was = call.phase;
    call.phase = Call.Phase.ENDED;
    call.endedAt = Instant.now();
    call.outcome = outcome;
    call.hungUpBy = by;
    cancelRingTimer(call);
    cancelWaitTimers(call);
    stopTones(call);
    if (call.bridge != null) {
      call.bridge.disconnect();
    }
    if (!by.equals("caller")) {
      call.leg.hangup();
    }
    call.event("ended", new JsonObject().put("outcome", outcome).put("by", by));
    Agent ringing = was == Call.Phase.RINGING ? call.offeredTo : null;
    if (ringing != null) {
      ringing.call = null;
      ringing.send(new JsonObject().put("type", "call.offer_cancelled").put("callId", call.id)
          .put("reason", by.equals("caller") ? "caller_abandoned" : "ended"));
      freeAgent(ringing);
    }
    Agent agent = call.agent;
    if (agent != null && agent.call == call) {
      agent.call = null;
      agent.send(new JsonObject().put("type", "call.ended").put("callId", call.id).put("by", by)
          .put("durationSeconds", java.time.Duration.between(call.answeredAt, call.endedAt).toSeconds()));
      freeAgent(agent);
    }
    calls.remove(call.id);
    callerCards.remove(call.id);
    saveRecord(call);
    dispatch();
  }

  private void freeAgent(Agent agent) {
    agent.idleSince = Instant.now();
    if (agent.connection == null) {
      agent.state = AgentState.NOT_READY;
      agents.remove(agent.id());
    } else if (agent.state != AgentState.NOT_READY) {
      agent.state(AgentState.READY, null);
    }
  }

  /**
   * Writes the record of a call that is up (outcome "in_progress"): when it is queued and when it is answered, so a
   * crash leaves a record for the next start to mark "interrupted" (docs/design.md, "Crash and restart").
   */
  private void saveProgress(Call call) {
    JsonObject recording = call.recorder == null ? null
        : new JsonObject().put("file", relative(call.recorder.file()));
    write(call, Future.succeededFuture(call.record(recording)));
  }

  /** Writes the final record once the recording is final (or failed). */
  private void saveRecord(Call call) {
    Future<JsonObject> recording = call.recorder == null ? Future.succeededFuture(null)
        : Future.fromCompletionStage(recordings.stop(call.recorder), context).map(r -> new JsonObject()
            .put("file", relative(r.file()))
            .put("durationMillis", r.durationMillis()).put("bytes", r.bytes())
            .put("droppedFrames", r.droppedFrames()));
    write(call, recording.recover(e -> {
      LOG.log(Level.WARNING, "recording of call " + call.id + " failed", e);
      return Future.succeededFuture(new JsonObject().put("error", String.valueOf(e.getMessage())));
    }).map(call::record));
  }

  /**
   * Upserts the record (by call id, so never twice) after the call's previous write has finished, so an older
   * snapshot never lands after a newer one. A failed write is logged and does not stop the next.
   */
  private void write(Call call, Future<JsonObject> record) {
    Future<Void> write = call.lastWrite.compose(v -> record).compose(store::saveCall)
        .onFailure(e -> LOG.log(Level.SEVERE, "history record of call " + call.id + " not saved", e))
        .recover(e -> Future.succeededFuture());
    call.lastWrite = write;
    pendingWrites.add(write);
    write.onComplete(v -> on(() -> {
      pendingWrites.remove(write);
      return Future.succeededFuture();
    }));
  }

  private String relative(java.nio.file.Path file) {
    return recordings.folder().toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/');
  }

  private void cancelRingTimer(Call call) {
    if (call.ringTimer >= 0) {
      vertx.cancelTimer(call.ringTimer);
      call.ringTimer = -1;
    }
  }

  private void cancelWaitTimers(Call call) {
    if (call.progressTimer >= 0) {
      vertx.cancelTimer(call.progressTimer);
      call.progressTimer = -1;
    }
    if (call.maxWaitTimer >= 0) {
      vertx.cancelTimer(call.maxWaitTimer);
      call.maxWaitTimer = -1;
    }
  }

  private static void stopTones(Call call) {
    if (call.waitingTone != null) {
      call.waitingTone.stop();
      call.waitingTone = null;
    }
    if (call.holdMusic != null) {
      call.holdMusic.stop();
      call.holdMusic = null;
    }
  }

  // ---------------------------------------------------------------- plumbing

  /** What the agents' sockets ask of call control. */
  public AgentCommands desk() {
    return desk;
  }

  /** Number of calls in progress (queued, ringing or connected). */
  public Future<Integer> activeCalls() {
    return on(() -> Future.succeededFuture(calls.size()));
  }

  /**
   * Ends every call (BYE to callers, 503 to the unanswered) and every agent's media session, and completes once
   * every history record has been written, so the store can close after it.
   */
  public Future<Void> close() {
    return on(() -> {
      closing = true;
      for (Call call : new ArrayList<>(calls.values())) {
        call.event("server_stopping");
        end(call, call.phase == Call.Phase.CONNECTED ? "answered" : "missed", "system");
      }
      for (Agent agent : agents.values()) {
        if (agent.media != null) {
          agent.media.close(CloseReason.SHUTDOWN);
        }
      }
      return Future.all(new ArrayList<>(pendingWrites)).timeout(10, java.util.concurrent.TimeUnit.SECONDS)
          .recover(e -> {
            LOG.severe("stopping with " + pendingWrites.size() + " history record(s) not yet written: " + e);
            return Future.succeededFuture();
          }).mapEmpty();
    });
  }

  /** Runs on the call center's context; exceptions become failed futures. */
  <T> Future<T> on(Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    Runnable run = () -> {
      try {
        action.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    };
    if (Vertx.currentContext() == context) {
      run.run();
    } else {
      context.runOnContext(v -> run.run());
    }
    return promise.future();
  }
}
