package io.switchboard.routing.flow.step;

import io.switchboard.routing.flow.Branch;
import io.switchboard.routing.flow.CallContext;
import io.switchboard.routing.flow.Customer;
import io.switchboard.routing.flow.Step;
import io.switchboard.routing.flow.StepOutcome;
import java.util.List;
import java.util.Set;

/** The white list: a listed caller's queue priority is raised by {@code boost} (served before normal callers). */
public record VipList(String id, Set<String> numbers, int boost, String next) implements Step {

  public VipList {
    numbers = Set.copyOf(numbers);
  }

  @Override
  public String type() {
    return "vip-list";
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
    String number = call.call().callerNumber();
    boolean flagged = number != null && call.customers().find(number).map(Customer::vip).orElse(false);
    if (number != null && (numbers.contains(number) || flagged)) {
      call.boostPriority(boost);
      call.explain(id + ": " + number + (flagged ? " belongs to a VIP customer" : " is a VIP") + " -> priority +"
          + boost);
    }
    return StepOutcome.go(next, List.of());
  }
}
