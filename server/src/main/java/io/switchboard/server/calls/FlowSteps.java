package io.switchboard.server.calls;

import io.switchboard.media.MediaSink;
import io.switchboard.media.recording.StreamRecorder;
import io.switchboard.routing.acd.CallRequest;
import io.switchboard.routing.cascade.EngineAvailability;
import io.switchboard.routing.flow.CallInfo;
import io.switchboard.routing.flow.Customer;
import io.switchboard.routing.flow.Flow;
import io.switchboard.routing.flow.FlowRejection;
import io.switchboard.routing.flow.FlowRun;
import io.switchboard.routing.flow.Phase;
import io.switchboard.routing.flow.decision.CollectDigits;
import io.switchboard.routing.flow.decision.ConnectAgent;
import io.switchboard.routing.flow.decision.Enqueue;
import io.switchboard.routing.flow.decision.FlowDecision;
import io.switchboard.routing.flow.decision.Hangup;
import io.switchboard.routing.flow.decision.PlayPrompt;
import io.switchboard.routing.flow.decision.RecordCsat;
import io.switchboard.routing.flow.decision.RequestCallback;
import io.switchboard.routing.flow.decision.RingAgents;
import io.switchboard.routing.flow.decision.RunSurvey;
import io.switchboard.routing.flow.decision.StartVoicemail;
import io.switchboard.routing.flow.decision.StopRinging;
import io.switchboard.routing.flow.step.RingCascade;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs each call's flow ({@link FlowRun}) and executes what it decides: prompts, digit collection, queueing, the
 * cascade's direct rings, voicemail, callback requests, the survey and its rating, hanging up. Decisions of one
 * event run in order; the one that must wait (a callback request is stored before the caller hears it was booked)
 * holds back the ones after it.
 */
final class FlowSteps {
  private static final Logger LOG = Logger.getLogger(FlowSteps.class.getName());
  /** Engine-side limit of a cascade ring; the flow stops it at its own, shorter step timer. */
  private static final Duration CASCADE_SAFETY_MARGIN = Duration.ofSeconds(5);

  private final CallCenter center;

  FlowSteps(CallCenter center) {
    this.center = center;
  }

  // ---------------------------------------------------------------- events into the flow

  void start(Call call, Flow flow, CallInfo info, JsonObject card) {
    call.card = card;
    Customer customer = customer(card);
    call.run = new FlowRun(flow, info, InstantSource.system(),
        number -> number != null && number.equals(info.callerNumber()) ? Optional.ofNullable(customer)
            : Optional.empty(),
        new EngineAvailability(center.engine));
    run(call, "start", call.run::start);
  }

  /** A key the caller pressed (RFC 4733 or SIP INFO): barge-in on a prompt if the flow listens, then the flow. */
  void digit(Call call, char digit) {
    call.event("dtmf", new JsonObject().put("digit", String.valueOf(digit)).put("from", "caller"));
    if (call.run == null || call.phase == Call.Phase.ENDED || call.phase == Call.Phase.CLOSING) {
      return;
    }
    if (call.collecting && call.audio.playingPrompts()) {
      call.audio.cutPrompts();
    }
    run(call, "digit", () -> call.run.digits(String.valueOf(digit)));
  }

  void agentAnswered(Call call, String agentId) {
    if (call.run != null) {
      run(call, "agent answered", () -> call.run.agentAnswered(agentId));
    }
  }

  void agentHungUp(Call call) {
    if (call.run == null || call.run.phase() != Phase.CONNECTED) {
      center.end(call, "answered", "agent");
      return;
    }
    run(call, "agent hung up", call.run::agentHungUp);
  }

  private void run(Call call, String event, java.util.function.Supplier<List<FlowDecision>> step) {
    List<FlowDecision> decisions;
    try {
      decisions = step.get();
    } catch (FlowRejection e) {
      LOG.fine(() -> "call " + call.id + ": " + event + " refused by the flow: " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "call " + call.id + ": the flow failed on " + event, e);
      closeWith(call, "goodbye", "failed");
      return;
    }
    execute(call, decisions, 0);
    scheduleFlowTimer(call);
  }

  private void scheduleFlowTimer(Call call) {
    if (call.flowTimer >= 0) {
      center.vertx.cancelTimer(call.flowTimer);
      call.flowTimer = -1;
    }
    if (call.run == null || call.phase == Call.Phase.ENDED) {
      return;
    }
    Optional<Instant> next = call.run.nextDeadline();
    if (next.isEmpty()) {
      return;
    }
    long delay = Math.max(1, Duration.between(Instant.now(), next.get()).toMillis() + 1);
    call.flowTimer = center.vertx.setTimer(delay, t -> center.on(() -> {
      call.flowTimer = -1;
      if (call.phase != Call.Phase.ENDED) {
        run(call, "timer", call.run::tick);
      }
      return Future.succeededFuture();
    }));
  }

  // ---------------------------------------------------------------- decisions

  private void execute(Call call, List<FlowDecision> decisions, int from) {
    for (int i = from; i < decisions.size(); i++) {
      if (call.phase == Call.Phase.ENDED) {
        return;
      }
      FlowDecision d = decisions.get(i);
      call.event("flow", new JsonObject().put("decision", d.getClass().getSimpleName()).put("why", d.reason()));
      Future<Void> gate = execute(call, d);
      if (!gate.isComplete()) {
        int next = i + 1;
        gate.onComplete(v -> center.on(() -> {
          execute(call, decisions, next);
          scheduleFlowTimer(call);
          return Future.succeededFuture();
        }));
        return;
      }
    }
  }

  private Future<Void> execute(Call call, FlowDecision decision) {
    if (decision instanceof PlayPrompt p) {
      play(call, p.lang(), p.promptId());
    } else if (decision instanceof CollectDigits) {
      call.collecting = true;
    } else if (decision instanceof Enqueue e) {
      enqueue(call, e);
    } else if (decision instanceof RingAgents r) {
      ring(call, r);
    } else if (decision instanceof StopRinging) {
      if (call.routed && call.phase != Call.Phase.CONNECTED) {
        center.engineEvent("stop cascade " + call.id, () -> center.engine.stopDirect(call.id));
        call.routed = false;
      }
    } else if (decision instanceof ConnectAgent) {
      return Future.succeededFuture(); // the engine's Connect already bridged the agent
    } else if (decision instanceof StartVoicemail v) {
      startVoicemail(call, v.mailbox(), v.reason());
    } else if (decision instanceof RequestCallback r) {
      return bookCallback(call, r.number(), r.queueId(), r.priority(), "requested", r.keepQueuedCall());
    } else if (decision instanceof RunSurvey s) {
      call.phase = Call.Phase.SURVEY;
      play(call, s.lang(), s.promptId());
    } else if (decision instanceof RecordCsat r) {
      call.csat = new JsonObject().put("score", r.score()).put("agentId", r.agentId())
          .put("at", Call.date(Instant.now()));
      center.records.saveProgress(call);
    } else if (decision instanceof Hangup h) {
      close(call, switch (h.cause()) {
        case BLOCKED -> "blocked";
        case CALLBACK_BOOKED -> "callback";
        case NO_HUMAN -> "ended";
        case NORMAL -> call.servedBy != null ? "answered" : "ended";
      });
    }
    return Future.succeededFuture();
  }

  private void play(Call call, String lang, String promptId) {
    center.answerCaller(call);
    call.audio.play(center.clips(lang, promptId)).onComplete(v -> center.on(() -> {
      if (call.run != null && call.phase != Call.Phase.ENDED && !call.audio.playingPrompts()) {
        run(call, "prompt finished", call.run::promptFinished);
      }
      return Future.succeededFuture();
    }));
  }

  private void enqueue(Call call, Enqueue e) {
    call.collecting = false;
    call.phase = Call.Phase.QUEUED;
    call.queueId = e.queueId();
    call.queueName = center.queueName(e.queueId());
    call.queuedAt = Instant.now();
    call.audio.background(AcdSteps.waitingTone(call));
    call.routed = true;
    boolean accepted = center.engineEvent("enqueue " + call.id, () -> center.engine.callArrived(
        new CallRequest(call.id, e.queueId(), e.priority(), e.skills())));
    if (!accepted) {
      call.routed = false;
      call.event("queue_refused", new JsonObject().put("queue", e.queueId()));
      closeWith(call, "all-busy", "refused");
    }
  }

  private void ring(Call call, RingAgents r) {
    String queueId = call.run.currentStep().map(s -> call.run.flow().step(s))
        .filter(RingCascade.class::isInstance).map(s -> ((RingCascade) s).queueId())
        .orElse(center.routing.queues().isEmpty() ? null : center.routing.queues().get(0).id());
    call.queueId = queueId;
    call.queueName = center.queueName(queueId);
    call.event("cascade_ring", new JsonObject().put("step", r.step()).put("agents", new JsonArray(r.agents()))
        .put("timeoutSeconds", r.timeout().toSeconds()));
    call.routed = true;
    if (!center.engineEvent("ring " + call.id, () -> center.engine.ringDirect(call.id, queueId, r.agents(),
        r.timeout().plus(CASCADE_SAFETY_MARGIN)))) {
      call.routed = false;
    }
  }

  /** Plays a last prompt and hangs up with this outcome (unless the caller leaves first). */
  void closeWith(Call call, String promptId, String outcome) {
    String lang = call.run == null ? "en" : call.run.language();
    play(call, lang, promptId);
    close(call, outcome);
  }

  private void close(Call call, String outcome) {
    if (call.phase == Call.Phase.ENDED) {
      return;
    }
    if (call.phase == Call.Phase.QUEUED && call.routed) {
      center.engineEvent("leave " + call.id, () -> center.engine.hangUp(call.id));
      call.routed = false;
    }
    call.phase = Call.Phase.CLOSING;
    call.collecting = false;
    call.outcome = outcome;
    call.audio.background(null);
    call.audio.whenIdle().onComplete(v -> center.on(() -> {
      center.end(call, outcome, call.servedBy != null && "agent".equals(call.hungUpBy) ? "agent" : "system");
      return Future.succeededFuture();
    }));
  }

  // ---------------------------------------------------------------- voicemail

  /** Greeting, a beep, then the caller's audio into a WAV until they hang up or the limit. */
  void startVoicemail(Call call, String mailbox, String why) {
    if (call.phase == Call.Phase.QUEUED && call.routed) {
      call.routed = false; // the engine already finished the call (overflow) or will not see it again
    }
    call.phase = Call.Phase.VOICEMAIL;
    call.collecting = false;
    String lang = call.run == null ? "en" : call.run.language();
    call.audio.background(null);
    play(call, lang, "voicemail-greeting");
    play(call, lang, "beep");
    String id = "vm-" + UUID.randomUUID();
    call.voicemail = new JsonObject().put("_id", id).put("callId", call.id).put("from", call.from)
        .put("customerId", call.card == null ? null : call.card.getString("id")).put("mailbox", mailbox)
        .put("lang", lang).put("status", "recording").put("reason", why)
        .put("createdAt", Call.date(Instant.now())).put("updatedAt", Call.date(Instant.now()));
    call.event("voicemail", new JsonObject().put("id", id).put("mailbox", mailbox));
    call.audio.whenIdle().onComplete(v -> center.on(() -> {
      if (call.phase != Call.Phase.VOICEMAIL) {
        return Future.succeededFuture();
      }
      call.voicemailRecorder = center.recordings.start("voicemail/" + CallCenter.DAY.format(call.arrivedAt) + "/"
          + id);
      call.voicemail.put("recording", new JsonObject().put("file",
          center.records.relative(call.voicemailRecorder.file())));
      call.leg.media().onMediaContext(() -> call.leg.media().sink(StreamRecorder.into(call.voicemailRecorder)));
      center.records.track(center.store.voicemails().save(call.voicemail.copy()));
      call.voicemailTimer = center.vertx.setTimer(center.config.voicemailMax().toMillis(), t -> center.on(() -> {
        if (call.phase == Call.Phase.VOICEMAIL) {
          call.event("voicemail_limit", new JsonObject().put("seconds", center.config.voicemailMax().toSeconds()));
          stopVoicemailRecording(call);
          closeWith(call, "voicemail-saved", "voicemail");
        }
        return Future.succeededFuture();
      }));
      return Future.succeededFuture();
    }));
  }

  private void stopVoicemailRecording(Call call) {
    if (call.voicemailRecorder == null) {
      return;
    }
    var recorder = call.voicemailRecorder;
    call.voicemailRecorder = null;
    call.leg.media().onMediaContext(() -> call.leg.media().sink(MediaSink.DISCARD));
    JsonObject doc = call.voicemail;
    Future<Void> saved = Future.fromCompletionStage(center.recordings.stop(recorder), center.context)
        .map(r -> doc.put("recording", new JsonObject().put("file", center.records.relative(r.file()))
            .put("durationMillis", r.durationMillis()).put("bytes", r.bytes())))
        .recover(e -> {
          LOG.log(Level.WARNING, "voicemail recording " + doc.getString("_id") + " failed", e);
          return Future.succeededFuture(doc.put("error", String.valueOf(e.getMessage())));
        })
        .compose(d -> center.store.voicemails().save(d.put("status", "new")
            .put("updatedAt", Call.date(Instant.now()))));
    center.records.track(saved.onFailure(e -> LOG.log(Level.SEVERE, "voicemail " + doc.getString("_id") + " not saved", e)));
  }

  /** The call ended: a message being recorded is final now. */
  void finishVoicemail(Call call) {
    stopVoicemailRecording(call);
  }

  // ---------------------------------------------------------------- callbacks

  /**
   * Books a callback to the number (one pending per number: a second request keeps the first). Completes when it
   * is stored, so the caller hears "booked" only for a request that is on disk.
   */
  Future<Void> bookCallback(Call call, String number, String queueId, int priority, String reason) {
    return bookCallback(call, number, queueId, priority, reason, false);
  }

  /**
   * As {@link #bookCallback(Call, String, String, int, String)}; {@code keepPlace}: the caller left the queue
   * keeping their place (its time is {@code requestedAt}), so the callback waits for that place's turn
   * ({@link io.switchboard.routing.callback.KeptPlace}).
   */
  Future<Void> bookCallback(Call call, String number, String queueId, int priority, String reason,
      boolean keepPlace) {
    if (number == null || !number.startsWith("+")) {
      call.event("callback_impossible", new JsonObject().put("reason", "no caller number"));
      return Future.succeededFuture();
    }
    JsonObject request = new JsonObject().put("_id", "cb-" + UUID.randomUUID()).put("number", number)
        .put("customerId", call.card == null ? null : call.card.getString("id")).put("queueId", queueId)
        .put("priority", priority).put("reason", reason).put("callId", call.id).put("status", "pending")
        .put("attempts", 0).put("requestedAt", Call.date(call.queuedAt != null ? call.queuedAt : call.arrivedAt))
        .put("updatedAt", Call.date(Instant.now())).putNull("assignedTo").putNull("notes");
    if (keepPlace) {
      request.put("keepPlace", true);
    }
    Future<Void> booked = center.store.callbacks().bookIfNone(request).map(created -> {
      call.event(created ? "callback_booked" : "callback_already_pending",
          new JsonObject().put("number", number).put("queue", queueId).put("reason", reason));
      if (created) {
        center.listener.callbackBooked(call.id, queueId);
      }
      return (Void) null;
    }).recover(e -> {
      LOG.log(Level.SEVERE, "callback request for call " + call.id + " not stored", e);
      call.event("callback_failed", new JsonObject().put("error", String.valueOf(e.getMessage())));
      return Future.succeededFuture();
    });
    center.records.track(booked);
    return booked;
  }

  // ---------------------------------------------------------------- the caller's card as the flow sees it

  /** The routing view of a CRM card: who to ring in the cascade, the language, the lists' flags. */
  Customer customer(JsonObject card) {
    if (card == null || card.getString("id") == null) {
      return null;
    }
    JsonObject pm = card.getJsonObject("personalManager");
    String manager = pm == null ? null : pm.getString("id");
    List<String> backups = new ArrayList<>();
    JsonArray b = card.getJsonArray("backupManagers");
    if (b != null) {
      b.forEach(x -> backups.add(x instanceof JsonObject o ? o.getString("id") : String.valueOf(x)));
    }
    String lastAgent = null;
    JsonArray last = card.getJsonArray("lastCalls");
    if (last != null) {
      for (Object o : last) {
        if (o instanceof JsonObject c && c.getString("agentId") != null) {
          lastAgent = c.getString("agentId");
          break;
        }
      }
    }
    String supervisor = manager == null ? null : center.routing.supervisorOf(manager).orElse(null);
    return new Customer(card.getString("id"), card.getString("language"), manager, backups, lastAgent, supervisor,
        card.getBoolean("blacklisted", false), card.getBoolean("vip", false));
  }
}
