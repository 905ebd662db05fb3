package io.switchboard.server.calls;

import io.switchboard.gateway.SipLeg;
import io.switchboard.media.bridge.TonePlayer;
import io.switchboard.routing.acd.CallRequest;
import io.switchboard.routing.flow.CallInfo;
import io.switchboard.routing.flow.Flow;
import io.switchboard.routing.flow.WebEntryPoint;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Callers arriving, from a trunk or the web channel: the entry point of the dialled number (normalised to E.164;
 * none → 404), early media with our ringback (ADR 0005), the caller's card (≤ {@code calls.card-wait-ms}), the
 * longest wait, then the entry point's flow ({@link FlowSteps}); and the caller leaving.
 */
final class CallArrivals {
  private static final Logger LOG = Logger.getLogger(CallArrivals.class.getName());
  private static final long PROGRESS_INTERVAL_MS = 60_000;

  private final CallCenter center;

  CallArrivals(CallCenter center) {
    this.center = center;
  }

  /** A call the gateway accepted from a trunk ({@link CallCenter#onIncomingCall}). */
  void fromTrunk(SipLeg sip) {
    center.on(() -> {
      arriveFromTrunk(new SipCallerLeg(sip));
      return Future.succeededFuture();
    });
  }

  private void arriveFromTrunk(SipCallerLeg leg) {
    if (center.closing()) {
      leg.reject(503, "Service Unavailable");
      return;
    }
    String to = PhoneNumbers.e164(leg.to(), center.config.defaultRegion());
    String from = PhoneNumbers.e164(leg.from(), center.config.defaultRegion());
    String id = "c-" + UUID.randomUUID();
    CallInfo info = new CallInfo(id, from != null && from.startsWith("+") ? from : null, to,
        CallInfo.Channel.TRUNK);
    Optional<Flow> flow = center.routing.entryPoints().forCall(info);
    if (flow.isEmpty()) {
      LOG.info(() -> "no entry point for " + leg.to() + " (" + to + "): 404");
      leg.reject(404, "Not Found");
      return;
    }
    arrive(leg, id, from, to, info, flow.get());
    leg.onRefer(referral -> center.on(() -> {
      center.referrals.referred(id, referral);
      return Future.succeededFuture();
    }));
  }

  /** A website caller the web channel has checked ({@link CallCenter#onWebCall}, which says what this does). */
  Future<String> fromWeb(CallerLeg leg, String entry, String statedNumber) {
    return center.on(() -> {
      boolean closing = center.closing();
      Optional<WebEntryPoint> web = center.routing.entryPoints().webEntry(entry);
      if (closing || web.isEmpty()) {
        leg.reject(closing ? 503 : 404, closing ? "Service Unavailable" : "Not Found");
        return Future.failedFuture(closing ? "stopping" : "no web entry point " + entry);
      }
      String id = "c-" + UUID.randomUUID();
      String stated = statedNumber == null ? null : PhoneNumbers.e164(statedNumber, center.config.defaultRegion());
      String from = stated != null && stated.startsWith("+") ? stated : "anonymous";
      CallInfo info = new CallInfo(id, null, web.get().name(), CallInfo.Channel.WIDGET);
      arrive(leg, id, from, web.get().name(), info, web.get().flow());
      return Future.succeededFuture(id);
    });
  }

  private void arrive(CallerLeg leg, String id, String from, String to, CallInfo info, Flow entryFlow) {
    Call call = new Call(id, leg, from, to, new CallAudio(center.vertx, center.context, leg.media()));
    call.flowId = entryFlow.id();
    center.calls.put(call.id, call);
    center.listener.callArrived(call.id, call.from);
    call.event("arrived", new JsonObject().put("channel", leg.channel())
        .put("trunk", leg.describe().getString("trunk")).put("from", call.from).put("to", call.to)
        .put("flow", call.flowId));
    follow(call, leg);
    // Early media (183) rather than answering: the caller hears our ringback and the call is answered (200 OK,
    // billed) only when a prompt must be heard or an agent picks up (ADR 0005); a caller who gives up sends CANCEL.
    leg.earlyMedia();
    call.audio.background(TonePlayer.Pattern.RINGBACK);
    center.records.saveProgress(call);
    call.progressTimer = center.vertx.setPeriodic(PROGRESS_INTERVAL_MS, t -> center.on(() -> {
      if (!call.answered && call.waiting()) {
        leg.earlyMedia();
      }
      return Future.succeededFuture();
    }));
    CallsConfig config = center.config;
    call.maxWaitTimer = center.vertx.setTimer(config.maxQueueWait().toMillis(), t -> center.on(() -> {
      if (call.waiting()) {
        call.event("max_wait_reached", new JsonObject().put("seconds", config.maxQueueWait().toSeconds()));
        center.end(call, "missed", "system");
      }
      return Future.succeededFuture();
    }));
    // A slow database must not hold calls: the flow starts without the card after calls.card-wait-ms.
    center.store.callerCard(call.from).timeout(config.cardWait().toMillis(), TimeUnit.MILLISECONDS)
        .onComplete(card -> center.on(() -> {
          if (card.failed()) {
            LOG.fine(() -> "no customer card for " + call.id + ": " + card.cause());
            if (card.cause() instanceof java.util.concurrent.TimeoutException) {
              call.event("customer_card_late", new JsonObject().put("waitedMs", config.cardWait().toMillis()));
            }
          }
          if (call.phase != Call.Phase.ENDED) {
            center.flows.start(call, entryFlow, info, card.succeeded() ? card.result() : null);
          }
          return Future.succeededFuture();
        }));
  }

  /**
   * A call of another node offered here ({@link NodeLinks}): it skips the flow (it ran on the call's node) and enters
   * the same queue with its priority and skills. Kept only if the engine offers it to an agent here at once, so it
   * never waits on two nodes; otherwise nothing changed and it returns false.
   */
  boolean fromNode(NodeLinkLeg leg, JsonObject offer) {
    String id = offer.getString("callId");
    String queueId = offer.getString("queueId");
    Call call = new Call(id, leg, offer.getString("from"), offer.getString("to"),
        new CallAudio(center.vertx, center.context, leg.media()));
    leg.call = call;
    call.phase = Call.Phase.QUEUED;
    call.answered = offer.getBoolean("answered", false);
    call.queueId = queueId;
    call.queueName = center.queueName(queueId);
    call.queuedAt = Instant.now();
    call.card = offer.getJsonObject("card");
    call.routed = true;
    center.calls.put(id, call);
    java.util.Map<String, Integer> skills = new java.util.LinkedHashMap<>();
    offer.getJsonObject("skills", new JsonObject()).forEach(e -> skills.put(e.getKey(), ((Number) e.getValue())
        .intValue()));
    boolean accepted = center.engineEvent("offer from " + leg.callNode, () -> center.engine.callArrived(
        new CallRequest(id, queueId, offer.getInteger("priority", 0), skills)));
    if (!accepted || call.ringing.isEmpty()) {
      if (accepted) {
        center.engineEvent("withdraw " + id, () -> center.engine.hangUp(id));
      }
      center.calls.remove(id);
      return false;
    }
    call.event("arrived", new JsonObject().put("channel", leg.channel()).put("node", leg.callNode)
        .put("from", call.from).put("to", call.to).put("queue", queueId));
    follow(call, leg);
    call.audio.background(AcdSteps.waitingTone(call));
    return true;
  }

  /** The caller's side of a call, heard on the call center's context: leaving, keys, hold. */
  private void follow(Call call, CallerLeg leg) {
    leg.onEnded(reason -> center.on(() -> {
      callerGone(call, reason);
      return Future.succeededFuture();
    }));
    leg.onDtmf(digit -> center.on(() -> {
      center.flows.digit(call, digit);
      return Future.succeededFuture();
    }));
    leg.onHold(held -> center.on(() -> {
      call.event(held ? "caller_hold" : "caller_resume");
      return Future.succeededFuture();
    }));
  }

  private void callerGone(Call call, CallerLeg.EndReason reason) {
    if (call.phase == Call.Phase.ENDED) {
      return;
    }
    call.event("caller_left", new JsonObject().put("reason", reason.name()));
    if (reason == CallerLeg.EndReason.WE_HUNG_UP) {
      return;
    }
    String outcome = switch (call.phase) {
      case CONNECTED, SURVEY -> "answered";
      case VOICEMAIL -> "voicemail";
      case CLOSING -> call.outcome != null ? call.outcome : "abandoned";
      default -> "abandoned";
    };
    center.end(call, outcome, "caller");
  }
}
