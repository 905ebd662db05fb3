package io.switchboard.routing.flow.step;

import io.switchboard.routing.flow.Branch;
import io.switchboard.routing.flow.CallContext;
import io.switchboard.routing.flow.Step;
import io.switchboard.routing.flow.StepOutcome;
import io.switchboard.routing.flow.decision.Hangup;
import io.switchboard.routing.flow.decision.PlayPrompt;
import java.util.List;

/**
 * Plays a prompt and hangs up ({@code "type": "hangup"}). The validator refuses every flow in which a caller can
 * get here: it exists so that such a flow is expressible and can be refused with the offending path.
 */
public record Refuse(String id, String prompt) implements Step {

  @Override
  public String type() {
    return "hangup";
  }

  @Override
  public List<Branch> branches() {
    return List.of();
  }

  @Override
  public Reach reach() {
    return Reach.NO_HUMAN;
  }

  @Override
  public StepOutcome enter(CallContext call) {
    String why = id + ": hang up";
    call.explain(why);
    return StepOutcome.end(List.of(new PlayPrompt(prompt, call.lang(), why), new Hangup(Hangup.Cause.NO_HUMAN, why)));
  }
}
