package io.switchboard.routing.flow.step;

import io.switchboard.routing.flow.Branch;
import io.switchboard.routing.flow.CallContext;
import io.switchboard.routing.flow.Customer;
import io.switchboard.routing.flow.Step;
import io.switchboard.routing.flow.StepOutcome;
import io.switchboard.routing.flow.decision.Hangup;
import io.switchboard.routing.flow.decision.PlayPrompt;
import java.util.List;
import java.util.Set;

/**
 * The black list: a listed caller hears a polite refusal and the call ends; everybody else goes on. The refusal is
 * the one deliberate way out without a human, so it is built into this step rather than being a graph branch.
 */
public record BlockList(String id, Set<String> numbers, String refusalPrompt, String next) implements Step {

  public BlockList {
    numbers = Set.copyOf(numbers);
  }

  @Override
  public String type() {
    return "block-list";
  }

  @Override
  public List<Branch> branches() {
    return List.of(new Branch("not listed", next, Branch.Kind.NEXT));
  }

  @Override
  public Reach reach() {
    return Reach.PASS;
  }

  @Override
  public StepOutcome enter(CallContext call) {
    String number = call.call().callerNumber();
    boolean flagged = number != null && call.customers().find(number).map(Customer::blacklisted).orElse(false);
    if (number != null && (numbers.contains(number) || flagged)) {
      String why = id + ": " + number + (flagged ? " belongs to a customer flagged black-listed in the CRM"
          : " is on the black list");
      call.explain(why + " -> refused");
      return StepOutcome.end(List.of(new PlayPrompt(refusalPrompt, call.lang(), why), new Hangup(Hangup.Cause.BLOCKED,
          why)));
    }
    return StepOutcome.go(next, List.of());
  }
}
