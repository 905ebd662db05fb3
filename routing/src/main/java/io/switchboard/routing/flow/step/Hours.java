package io.switchboard.routing.flow.step;

import io.switchboard.routing.calendar.BusinessHours;
import io.switchboard.routing.flow.Branch;
import io.switchboard.routing.flow.CallContext;
import io.switchboard.routing.flow.Step;
import io.switchboard.routing.flow.StepOutcome;
import java.util.List;

/** Branches on the business hours at the call's arrival: open, closed, or a listed holiday. */
public record Hours(String id, BusinessHours hours, String open, String closed, String holiday) implements Step {

  @Override
  public String type() {
    return "hours";
  }

  @Override
  public List<Branch> branches() {
    return List.of(new Branch("open", open, Branch.Kind.CONDITION), new Branch("closed", closed, Branch.Kind.CONDITION),
        new Branch("holiday", holiday, Branch.Kind.CONDITION));
  }

  @Override
  public Reach reach() {
    return Reach.PASS;
  }

  @Override
  public StepOutcome enter(CallContext call) {
    String target = switch (hours.status(call.now())) {
      case OPEN -> open;
      case CLOSED -> closed;
      case HOLIDAY -> holiday;
    };
    call.explain(id + ": " + hours.explain(call.now()) + " -> " + target);
    return StepOutcome.go(target, List.of());
  }
}
