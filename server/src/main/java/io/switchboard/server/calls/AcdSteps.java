package io.switchboard.server.calls;

import io.switchboard.media.bridge.TonePlayer;
import io.switchboard.media.prompt.Announcements;
import io.switchboard.media.prompt.Clip;
import io.switchboard.routing.acd.AgentState;
import io.switchboard.routing.acd.AgentStateChanged;
import io.switchboard.routing.acd.Announce;
import io.switchboard.routing.acd.CallFinished;
import io.switchboard.routing.acd.CancelOffer;
import io.switchboard.routing.acd.Connect;
import io.switchboard.routing.acd.Decision;
import io.switchboard.routing.acd.Enqueued;
import io.switchboard.routing.acd.Offer;
import io.switchboard.routing.acd.Overflow;
import io.switchboard.routing.acd.OverflowTarget;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/** Executes the routing engine's decisions (docs/routing.md, "Decisions") on real calls and agents' desks. */
final class AcdSteps {
  private static final Logger LOG = Logger.getLogger(AcdSteps.class.getName());

  private final CallCenter center;

  AcdSteps(CallCenter center) {
    this.center = center;
  }

  void execute(Decision decision) {
    if (decision instanceof Enqueued e) {
      enqueued(e);
    } else if (decision instanceof Announce a) {
      announce(a);
    } else if (decision instanceof Offer o) {
      offer(o);
    } else if (decision instanceof CancelOffer c) {
      cancel(c);
    } else if (decision instanceof Connect c) {
      connect(c);
    } else if (decision instanceof Overflow o) {
      overflow(o);
    } else if (decision instanceof AgentStateChanged s) {
      stateChanged(s);
    } else if (decision instanceof CallFinished f) {
      finished(f);
    } else {
      throw new IllegalArgumentException("unknown decision " + decision);
    }
  }

  private void enqueued(Enqueued e) {
    Call call = center.calls.get(e.callId());
    if (call == null) {
      return;
    }
    call.queueId = e.queueId();
    call.queueName = center.queueName(e.queueId());
    call.event("queued", new JsonObject().put("queue", e.queueId()).put("position", e.position()));
  }

  private void announce(Announce a) {
    Call call = center.calls.get(a.callId());
    if (call == null) {
      return;
    }
    JsonObject details = new JsonObject().put("position", a.position())
        .put("estimatedWaitSeconds", a.estimatedWait().map(java.time.Duration::toSeconds).orElse(null));
    // Before the call is answered (a queue straight from the entry point) the caller hears ringback, not speech.
    boolean spoken = call.answered && call.phase == Call.Phase.QUEUED && call.ringing.isEmpty();
    call.event(spoken ? "announced" : "position", details);
    if (spoken) {
      String lang = call.run == null ? "en" : call.run.language();
      List<Clip> clips = new ArrayList<>();
      for (String id : Announcements.position(lang, a.position(), a.estimatedWait())) {
        clips.addAll(center.clips(lang, id));
      }
      call.audio.play(clips);
    }
  }

  private void offer(Offer o) {
    Call call = center.calls.get(o.callId());
    Agent agent = center.agents.get(o.agentId());
    if (call == null || agent == null) {
      LOG.severe("offer of " + o.callId() + " to " + o.agentId() + " without a live call or desk");
      return;
    }
    call.ringing.add(agent.id());
    call.offers++;
    if (call.offeredAt == null) {
      call.offeredAt = Instant.now();
    }
    agent.call = call;
    call.offerExplanations.add(new Call.OfferNote(agent.id(), Instant.now(), o.explanation()));
    call.event("offered", new JsonObject().put("agent", agent.id()).put("why", o.explanation().why()));
    // Number masking (docs/security.md): the agent calls back by reference (call.dial ref), never by the number.
    boolean masked = center.routing.masksNumbers(call.queueId);
    agent.send(new JsonObject().put("type", "call.offer").put("callId", call.id)
        .put("from", masked ? AgentDialing.masked(call.from) : call.from).put("masked", masked)
        .put("to", call.to)
        .put("queue", call.queueId == null ? null
            : new JsonObject().put("id", call.queueId).put("name", call.queueName))
        .put("ringTimeoutSeconds", o.timeout().toSeconds())
        .put("customer", call.card));
  }

  private void cancel(CancelOffer c) {
    Call call = center.calls.get(c.callId());
    Agent agent = center.agents.get(c.agentId());
    String reason = switch (c.reason()) {
      case TIMEOUT -> "ring_timeout";
      case CALLER_HUNG_UP -> "caller_abandoned";
      case DECLINED -> "rejected";
      default -> c.reason().name().toLowerCase(Locale.ROOT);
    };
    if (call != null) {
      call.ringing.remove(c.agentId());
      call.event("offer_withdrawn", new JsonObject().put("agent", c.agentId()).put("reason", reason));
    }
    if (agent != null) {
      if (agent.call != null && agent.call.id.equals(c.callId())) {
        agent.call = null;
      }
      agent.send(new JsonObject().put("type", "call.offer_cancelled").put("callId", c.callId())
          .put("reason", reason));
    }
  }

  private void connect(Connect c) {
    Call call = center.calls.get(c.callId());
    Agent agent = center.agents.get(c.agentId());
    if (call == null || agent == null) {
      LOG.severe("connect of " + c.callId() + " to " + c.agentId() + " without a live call or desk");
      return;
    }
    center.connect(call, agent);
  }

  private void overflow(Overflow o) {
    Call call = center.calls.get(o.callId());
    if (call == null) {
      return;
    }
    OverflowTarget t = o.target();
    call.event("overflow", new JsonObject().put("from", o.fromQueue()).put("to", t.toString())
        .put("reason", o.reason().name().toLowerCase(Locale.ROOT)));
    if (t.kind() != OverflowTarget.Kind.QUEUE) {
      call.routed = false; // the call leaves the ACD (a CallFinished follows)
    }
    switch (t.kind()) {
      case QUEUE -> {
        call.queueId = t.queueId();
        call.queueName = center.queueName(t.queueId());
      }
      case VOICEMAIL -> center.flows.startVoicemail(call, o.fromQueue(), "queue " + o.fromQueue() + " "
          + o.reason().name().toLowerCase(Locale.ROOT));
      case CALLBACK -> {
        center.flows.bookCallback(call, call.from, o.fromQueue(), 0, "overflow");
        center.flows.closeWith(call, "callback-booked", "callback");
      }
      case REFUSE -> {
        if (call.answered) {
          center.flows.closeWith(call, "queue-full", "refused");
        } else {
          call.leg.reject(486, "Busy Here");
          center.end(call, "refused", "system");
        }
      }
    }
  }

  private void stateChanged(AgentStateChanged s) {
    Agent agent = center.agents.get(s.agentId());
    if (agent == null) {
      return;
    }
    long wrapUp = 0;
    if (s.to() == AgentState.WRAP_UP) {
      wrapUp = center.engine.findAgent(s.agentId()).map(a -> a.wrapUpEnds())
          .map(end -> Math.max(0, java.time.Duration.between(Instant.now(), end).toSeconds())).orElse(0L);
    }
    agent.state(s.to(), s.reason(), wrapUp);
    if (s.to() != AgentState.WRAP_UP) {
      agent.wrapUpCall = null;
    }
  }

  private void finished(CallFinished f) {
    Call call = center.calls.get(f.callId());
    if (call == null) {
      return;
    }
    call.routed = false;
    call.event("routing_finished", new JsonObject().put("outcome", f.outcome().name().toLowerCase(Locale.ROOT))
        .put("waitedSeconds", f.waited().toSeconds()));
  }

  /** Music on hold in a queue once the caller is answered; ringback before. */
  static TonePlayer.Pattern waitingTone(Call call) {
    return call.answered ? TonePlayer.Pattern.HOLD_MUSIC : TonePlayer.Pattern.RINGBACK;
  }
}
