package io.switchboard.routing.flow;

import io.switchboard.routing.flow.decision.FlowDecision;
import java.util.List;

/**
 * One verb of a call flow. A step is an immutable definition shared by every call of its flow; per-call state
 * lives in the {@link CallContext}. Events the step does not expect are ignored (the caller may press keys at any
 * time), never thrown.
 */
public interface Step {

  /** What reaching this step means for the caller, for the validator. */
  enum Reach {
    /** Continues along its branches. */
    PASS,
    /** A human takes over: a queue, the cascade, a voicemail or a callback somebody answers. */
    HUMAN,
    /** Ends the call without a human. */
    NO_HUMAN
  }

  String id();

  /** The type name used in flow documents ("menu", "queue"...). */
  String type();

  List<Branch> branches();

  Reach reach();

  StepOutcome enter(CallContext call);

  default StepOutcome onDigits(String digits, CallContext call) {
    return StepOutcome.ignored();
  }

  default StepOutcome onTimeout(CallContext call) {
    return StepOutcome.ignored();
  }

  default StepOutcome onAgentAnswered(String agentId, CallContext call) {
    return StepOutcome.ignored();
  }

  /** The call leaves this step abnormally (caller hung up): what to undo, e.g. stop ringing. */
  default List<FlowDecision> kill(String reason, CallContext call) {
    return List.of();
  }
}
