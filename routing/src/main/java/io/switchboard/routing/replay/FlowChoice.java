package io.switchboard.routing.replay;

import io.switchboard.routing.config.RoutingConfiguration;
import io.switchboard.routing.flow.CallInfo;
import io.switchboard.routing.flow.CustomerLookup;
import io.switchboard.routing.flow.Flow;
import io.switchboard.routing.flow.FlowRun;
import io.switchboard.routing.flow.decision.CollectDigits;
import io.switchboard.routing.flow.decision.Enqueue;
import io.switchboard.routing.flow.decision.FlowDecision;
import io.switchboard.routing.flow.decision.Hangup;
import io.switchboard.routing.flow.decision.RequestCallback;
import io.switchboard.routing.flow.decision.StartVoicemail;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a recorded caller ends up in a configuration's flow: the production {@link FlowRun} is run at the call's
 * arrival time with the caller's recorded keys, one per digit collection (a collection with no key left times out,
 * as for a silent caller). Personal-manager rings find nobody available (the replay does not re-ring named agents),
 * so the cascade goes on to its queue; customer look-ups find nobody (the "new" branch).
 *
 * @param enqueue the queue request, or empty when the flow ended elsewhere
 * @param ending why it ended without a queue (voicemail, callback, hangup), or null
 */
public record FlowChoice(Optional<Enqueue> enqueue, String ending) {

  private static final int MAX_ROUNDS = 64;

  /** Runs the flow the configuration gives the call's entry point; no flow: the recorded queue as it was. */
  public static FlowChoice of(RoutingConfiguration config, RecordedCall call) {
    CallInfo info = new CallInfo(call.id(), call.from(), call.dialled(),
        call.dialled() == null ? CallInfo.Channel.WIDGET : CallInfo.Channel.TRUNK);
    Optional<Flow> flow = config.entryPoints().forCall(info);
    if (flow.isEmpty()) {
      return call.queueId() == null ? new FlowChoice(Optional.empty(), "no flow")
          : queued(new Enqueue(call.queueId(), 0, Map.of(), "recorded queue"));
    }
    VirtualClock clock = new VirtualClock(call.arrivedAt());
    FlowRun run = new FlowRun(flow.get(), info, clock, CustomerLookup.none(), agent -> false);
    Deque<String> keys = new ArrayDeque<>(call.digits());
    List<FlowDecision> decisions = run.start();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      boolean collecting = false;
      for (FlowDecision d : decisions) {
        if (d instanceof Enqueue e) {
          return queued(e);
        } else if (d instanceof StartVoicemail) {
          return new FlowChoice(Optional.empty(), "voicemail");
        } else if (d instanceof RequestCallback) {
          return new FlowChoice(Optional.empty(), "callback");
        } else if (d instanceof Hangup h) {
          return new FlowChoice(Optional.empty(), "hangup " + h.cause());
        } else if (d instanceof CollectDigits) {
          collecting = true;
        }
      }
      if (collecting && !keys.isEmpty()) {
        decisions = run.digits(keys.poll());
      } else if (run.nextDeadline().isPresent()) {
        clock.advanceTo(run.nextDeadline().get());
        decisions = run.tick();
      } else {
        return new FlowChoice(Optional.empty(), "flow ended");
      }
    }
    return new FlowChoice(Optional.empty(), "flow did not settle");
  }

  private static FlowChoice queued(Enqueue e) {
    return new FlowChoice(Optional.of(e), null);
  }
}
