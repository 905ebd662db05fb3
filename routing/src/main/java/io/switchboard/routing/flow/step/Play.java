package io.switchboard.routing.flow.step;

import io.switchboard.routing.flow.Branch;
import io.switchboard.routing.flow.CallContext;
import io.switchboard.routing.flow.Step;
import io.switchboard.routing.flow.StepOutcome;
import io.switchboard.routing.flow.decision.PlayPrompt;
import java.util.List;

/** Plays a prompt (greeting, "calls are recorded") and goes on. */
public record Play(String id, String prompt, String next) implements Step {

  @Override
  public String type() {
    return "play";
  }

  @Override
  public List<Branch> branches() {
    return List.of(new Branch("next", next, Branch.Kind.NEXT));
  }

  @Override
  public Reach reach() {
    return Reach.PASS;
  }

  @Override
  public StepOutcome enter(CallContext call) {
    return StepOutcome.go(next, List.of(new PlayPrompt(prompt, call.lang(), id + ": play " + prompt)));
  }
}
