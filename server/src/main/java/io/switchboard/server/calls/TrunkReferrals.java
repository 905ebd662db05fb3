package io.switchboard.server.calls;

import io.switchboard.gateway.Referral;
import io.switchboard.routing.flow.CallInfo;
import io.switchboard.routing.flow.Flow;
import io.switchboard.routing.flow.FlowFactory;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A PBX on a trunk handing its call over with REFER (RFC 3515): the call moves, on the same leg, into the flow of
 * one of this hotline's own entry-point numbers, or straight into one of its queues (Refer-To {@code sip:<queue
 * id>@...}). Nothing else is a valid target: a number outside, a number no entry point answers, a call that is
 * already with an agent or ending are refused (the gateway logs each refusal with who and what). This class holds
 * no dialler, so a referral can never become an outbound INVITE (docs/security.md, "The outbound wall"). Only SIP
 * trunk legs are ever watched; a web caller's leg has no REFER at all ({@link CallerLeg}).
 */
final class TrunkReferrals {
  private static final Logger LOG = Logger.getLogger(TrunkReferrals.class.getName());

  private final CallCenter center;

  TrunkReferrals(CallCenter center) {
    this.center = center;
  }

  /** Judges a referral of the call {@code callId} (on the call center's context). */
  void referred(String callId, Referral referral) {
    Call call = center.calls.get(callId);
    if (call == null || !call.waiting()) {
      // RFC 3515 §2.4.2: a REFER we will not act on gets an error; a talk with an agent is not ours to move.
      referral.refuse(403, call == null || call.phase == Call.Phase.ENDED || call.phase == Call.Phase.CLOSING
          ? "The call is ending" : "The call is with an agent");
      return;
    }
    Optional<Target> target = target(call, referral.target());
    if (target.isEmpty()) {
      referral.refuse(403, "Refer-To is not a number of this hotline");
      return;
    }
    referral.accept();
    Target to = target.get();
    call.event("referred", new JsonObject().put("referTo", referral.referTo()).put("target", to.number())
        .put("referredBy", referral.referredBy()).put("flow", to.flow().id()));
    LOG.info(() -> "call " + call.id + " handed over by its trunk to " + to.number() + " (flow " + to.flow().id()
        + ")");
    leaveWhereItIs(call);
    call.flowId = to.flow().id();
    center.flows.start(call, to.flow(), to.info(), call.card);
    if (call.waiting()) {
      referral.done(200, "OK");
    } else {
      referral.done(503, "Service Unavailable");
    }
  }

  /** Where a referral may send a call: the flow and the call as that flow sees it. */
  private record Target(String number, Flow flow, CallInfo info) {
  }

  private Optional<Target> target(Call call, String raw) {
    String caller = call.from != null && call.from.startsWith("+") ? call.from : null;
    String number = PhoneNumbers.e164(raw, center.config.defaultRegion());
    CallInfo info = new CallInfo(call.id, caller, number, CallInfo.Channel.TRUNK);
    Optional<Flow> entry = center.routing.entryPoints().forCall(info);
    if (entry.isPresent()) {
      return Optional.of(new Target(number, entry.get(), info));
    }
    if (center.routing.queue(raw).isPresent()) {
      // A queue by its id: a one-step flow, so the call queues exactly as a flow's queue step would queue it.
      Flow queue = FlowFactory.create(Map.of("id", "referred-to-" + raw, "entry", "queue",
          "steps", Map.of("queue", Map.of("type", "queue", "queue", raw))));
      return Optional.of(new Target(raw, queue, new CallInfo(call.id, caller, raw, CallInfo.Channel.TRUNK)));
    }
    return Optional.empty();
  }

  /** Stops the call's current flow, its prompts and any ringing or queueing, as if it had just arrived. */
  private void leaveWhereItIs(Call call) {
    if (call.flowTimer >= 0) {
      center.vertx.cancelTimer(call.flowTimer);
      call.flowTimer = -1;
    }
    if (call.run != null) {
      call.run.callerHungUp();
    }
    if (call.routed) {
      if (call.phase == Call.Phase.QUEUED) {
        center.engineEvent("referred " + call.id, () -> center.engine.hangUp(call.id));
      } else {
        center.engineEvent("referred " + call.id, () -> center.engine.stopDirect(call.id));
      }
      call.routed = false;
    }
    call.ringing.clear();
    call.collecting = false;
    call.phase = Call.Phase.IN_FLOW;
    call.queueId = null;
    call.queueName = null;
    call.queuedAt = null;
    if (call.audio.playingPrompts()) {
      call.audio.cutPrompts();
    }
  }
}
