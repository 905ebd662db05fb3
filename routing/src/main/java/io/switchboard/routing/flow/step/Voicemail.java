package io.switchboard.routing.flow.step;

import io.switchboard.routing.flow.Branch;
import io.switchboard.routing.flow.CallContext;
import io.switchboard.routing.flow.Phase;
import io.switchboard.routing.flow.Step;
import io.switchboard.routing.flow.StepOutcome;
import io.switchboard.routing.flow.decision.StartVoicemail;
import java.util.List;

/** Records a message in {@code mailbox}; somebody listens to it and calls back, so it counts as reaching a human. */
public record Voicemail(String id, String mailbox) implements Step {

  @Override
  public String type() {
    return "voicemail";
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
    String why = id + ": voicemail " + mailbox;
    call.explain(why);
    return StepOutcome.handOff(Phase.VOICEMAIL, List.of(new StartVoicemail(mailbox, call.lang(), why)));
  }
}
