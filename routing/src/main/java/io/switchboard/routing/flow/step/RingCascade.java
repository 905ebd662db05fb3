package io.switchboard.routing.flow.step;

import io.switchboard.routing.cascade.CascadePlan;
import io.switchboard.routing.cascade.CascadeStep;
import io.switchboard.routing.cascade.PersonalManagerCascade;
import io.switchboard.routing.flow.Branch;
import io.switchboard.routing.flow.CallContext;
import io.switchboard.routing.flow.Customer;
import io.switchboard.routing.flow.Phase;
import io.switchboard.routing.flow.Step;
import io.switchboard.routing.flow.StepOutcome;
import io.switchboard.routing.flow.decision.ConnectAgent;
import io.switchboard.routing.flow.decision.Enqueue;
import io.switchboard.routing.flow.decision.FlowDecision;
import io.switchboard.routing.flow.decision.RingAgents;
import io.switchboard.routing.flow.decision.StopRinging;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The personal-manager cascade for the customer found by a {@link CustomerCheck}: managers together, then the last
 * agent, then the supervisor, each for its own time, then {@code queueId}. A caller without a customer record goes
 * straight to the queue.
 */
public record RingCascade(String id, String queueId, int priority, CascadePlan.Timers timers) implements Step {

  @Override
  public String type() {
    return "cascade";
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
    if (call.customer().isEmpty()) {
      return toQueue(call, List.of(), queueId, "no customer record, nobody personal to ring");
    }
    Customer c = call.customer().get();
    call.cascade(new PersonalManagerCascade(new CascadePlan(c.personalManager(), c.backupManagers(), c.lastAgent(),
        c.supervisor(), queueId, timers), call.availability()));
    return advance(call, List.of());
  }

  @Override
  public StepOutcome onTimeout(CallContext call) {
    List<FlowDecision> d = new ArrayList<>();
    if (!call.ringing().isEmpty()) {
      d.add(new StopRinging(call.ringing(), id + ": nobody answered in time"));
      call.explain(id + ": " + String.join(" + ", call.ringing()) + " did not answer in time");
      call.ringing(List.of());
    }
    return advance(call, d);
  }

  @Override
  public StepOutcome onAgentAnswered(String agentId, CallContext call) {
    if (!call.ringing().contains(agentId)) {
      return StepOutcome.ignored();
    }
    List<FlowDecision> d = new ArrayList<>();
    List<String> others = call.ringing().stream().filter(a -> !a.equals(agentId)).toList();
    if (!others.isEmpty()) {
      d.add(new StopRinging(others, id + ": answered by " + agentId));
    }
    String why = id + ": " + agentId + " answered";
    call.explain(why);
    d.add(new ConnectAgent(agentId, why));
    call.ringing(List.of());
    return StepOutcome.handOff(Phase.CONNECTED, d);
  }

  @Override
  public List<FlowDecision> kill(String reason, CallContext call) {
    if (call.ringing().isEmpty()) {
      return List.of();
    }
    List<FlowDecision> d = List.of(new StopRinging(call.ringing(), id + ": " + reason));
    call.ringing(List.of());
    return d;
  }

  private StepOutcome advance(CallContext call, List<FlowDecision> before) {
    CascadeStep step = call.cascade().next();
    if (step.kind() == CascadeStep.Kind.QUEUE) {
      return toQueue(call, before, step.queueId(), step.explanation());
    }
    List<FlowDecision> d = new ArrayList<>(before);
    String why = id + ": " + step.explanation();
    call.explain(why);
    call.ringing(step.agents());
    d.add(new RingAgents(step.name(), step.agents(), step.timeout(), why));
    return StepOutcome.await(step.timeout(), d);
  }

  private StepOutcome toQueue(CallContext call, List<FlowDecision> before, String queue, String explanation) {
    int p = priority + call.priorityBoost();
    call.queued(queue, p);
    String why = id + ": " + explanation + " -> queue " + queue + " with priority " + p;
    call.explain(why);
    List<FlowDecision> d = new ArrayList<>(before);
    d.add(new Enqueue(queue, p, Map.of(), why));
    return StepOutcome.handOff(Phase.QUEUED, d);
  }
}
