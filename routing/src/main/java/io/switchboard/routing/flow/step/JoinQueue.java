package io.switchboard.routing.flow.step;

import io.switchboard.routing.flow.Branch;
import io.switchboard.routing.flow.CallContext;
import io.switchboard.routing.flow.Phase;
import io.switchboard.routing.flow.Step;
import io.switchboard.routing.flow.StepOutcome;
import io.switchboard.routing.flow.decision.Enqueue;
import io.switchboard.routing.flow.decision.Hangup;
import io.switchboard.routing.flow.decision.PlayPrompt;
import io.switchboard.routing.flow.decision.RequestCallback;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands the call to an ACD queue with {@code priority} plus any VIP boost. While waiting, a caller with a known
 * number may press {@code callbackDigit} (null: not offered) to be called back without losing their place.
 */
public record JoinQueue(String id, String queueId, int priority, Map<String, Integer> skills, String callbackDigit,
    String callbackPrompt) implements Step {

  public JoinQueue {
    skills = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skills));
  }

  @Override
  public String type() {
    return "queue";
  }

  @Override
  public List<Branch> branches() {
    return List.of();
  }

  @Override
  public Reach reach() {
    return Reach.HUMAN;
  }

  @Override
  public StepOutcome enter(CallContext call) {
    int p = priority + call.priorityBoost();
    call.queued(queueId, p);
    String why = id + ": queue " + queueId + " with priority " + p
        + (call.priorityBoost() != 0 ? " (" + priority + " + VIP " + call.priorityBoost() + ")" : "");
    call.explain(why);
    return StepOutcome.handOff(Phase.QUEUED, List.of(new Enqueue(queueId, p, skills, why)));
  }

  @Override
  public StepOutcome onDigits(String digits, CallContext call) {
    String number = call.call().callerNumber();
    if (callbackDigit == null || !digits.startsWith(callbackDigit) || number == null) {
      return StepOutcome.ignored();
    }
    String why = id + ": caller pressed " + callbackDigit + " for a callback; keeps the place in " + queueId
        + " held since " + call.queuedSince();
    call.explain(why);
    return StepOutcome.end(List.of(
        new RequestCallback(number, queueId, call.queuePriority(), true, call.queuedSince(), why),
        new PlayPrompt(callbackPrompt, call.lang(), why),
        new Hangup(Hangup.Cause.CALLBACK_BOOKED, why)));
  }
}
