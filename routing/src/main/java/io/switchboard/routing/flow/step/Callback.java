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
import java.util.List;
import java.util.Map;

/**
 * Books a callback through {@code queueId} and ends the call after a confirmation. A caller without a number to
 * call back (anonymous, widget) is queued live instead, so this step always reaches a human.
 */
public record Callback(String id, String queueId, int priority, String confirmPrompt) implements Step {

  @Override
  public String type() {
    return "callback";
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
    String number = call.call().callerNumber();
    int p = priority + call.priorityBoost();
    if (number == null) {
      String why = id + ": no number to call back -> queue " + queueId + " live";
      call.explain(why);
      call.queued(queueId, p);
      return StepOutcome.handOff(Phase.QUEUED, List.of(new Enqueue(queueId, p, Map.of(), why)));
    }
    String why = id + ": callback to " + number + " through " + queueId;
    call.explain(why);
    return StepOutcome.end(List.of(new RequestCallback(number, queueId, p, false, call.now(), why),
        new PlayPrompt(confirmPrompt, call.lang(), why), new Hangup(Hangup.Cause.CALLBACK_BOOKED, why)));
  }
}
