package io.switchboard.routing.flow.step;

import io.switchboard.routing.flow.Branch;
import io.switchboard.routing.flow.CallContext;
import io.switchboard.routing.flow.Customer;
import io.switchboard.routing.flow.Step;
import io.switchboard.routing.flow.StepOutcome;
import java.util.List;
import java.util.Optional;

/**
 * New or known caller: asks the {@code CustomerLookup} by number and branches. A known customer's language
 * replaces the flow's default for every later prompt; the customer record feeds the personal-manager cascade.
 */
public record CustomerCheck(String id, String known, String newCaller) implements Step {

  @Override
  public String type() {
    return "customer";
  }

  @Override
  public List<Branch> branches() {
    return List.of(new Branch("known", known, Branch.Kind.CONDITION),
        new Branch("new", newCaller, Branch.Kind.CONDITION));
  }

  @Override
  public Reach reach() {
    return Reach.PASS;
  }

  @Override
  public StepOutcome enter(CallContext call) {
    String number = call.call().callerNumber();
    Optional<Customer> found = number == null ? Optional.empty() : call.customers().find(number);
    if (found.isEmpty()) {
      call.explain(id + ": " + (number == null ? "anonymous caller" : number + " is not a customer")
          + " -> " + newCaller);
      return StepOutcome.go(newCaller, List.of());
    }
    Customer c = found.get();
    call.customer(c);
    if (c.language() != null && !c.language().isBlank()) {
      call.lang(c.language());
    }
    call.explain(id + ": " + number + " is customer " + c.id() + " -> " + known);
    return StepOutcome.go(known, List.of());
  }
}
