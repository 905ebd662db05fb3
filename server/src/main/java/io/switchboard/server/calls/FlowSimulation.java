package io.switchboard.server.calls;

import io.switchboard.routing.flow.CallInfo;
import io.switchboard.routing.flow.Flow;
import io.switchboard.routing.flow.CustomerLookup;
import io.switchboard.routing.flow.FlowFactory;
import io.switchboard.routing.flow.FlowRun;
import io.switchboard.routing.flow.Phase;
import io.switchboard.routing.flow.decision.FlowDecision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * "Test this flow" without a call: the routing engine's own {@link FlowRun} walks a flow document (saved or a draft)
 * fed with the digits a caller would press at a given moment; when the digits run out, the pending timeout fires, as
 * for a silent caller. Nobody is rung: in a simulation no agent is available, so the cascade's fall-backs show.
 * It lives with call control, the one user of the flow runner, though it touches no call and no engine: its run is its
 * own, on the configuration it is given.
 */
public final class FlowSimulation {

  /** Events fed at most: enough for every menu of a 7-item IVR, and a stop for a flow that never hands off. */
  private static final int MAX_EVENTS = 40;

  private FlowSimulation() {
  }

  /**
   * @return {@code {events: [{event, step, decisions: [{type, ...fields}]}], phase, step, explanation: [...]}}
   * @throws io.switchboard.routing.flow.FlowRejection when the document is not a valid flow
   */
  public static JsonObject run(JsonObject flowDocument, String digits, Instant at, String caller, String dialled) {
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> plain = io.vertx.core.json.Json.decodeValue(flowDocument.encode(), java.util.Map.class);
    return run(FlowFactory.create(plain), digits, at, caller, dialled);
  }

  /** As {@link #run(JsonObject, String, Instant, String, String)}, for a flow built with its configuration. */
  public static JsonObject run(Flow flow, String digits, Instant at, String caller, String dialled) {
    Instant[] now = {at};
    InstantSource clock = () -> now[0];
    FlowRun run = new FlowRun(flow,
        new CallInfo("simulation", caller, dialled, CallInfo.Channel.TRUNK), clock, CustomerLookup.none(),
        agent -> false);
    JsonArray events = new JsonArray();
    record(events, "start", run, run.start());
    int next = 0;
    for (int i = 0; i < MAX_EVENTS && run.phase() == Phase.IN_FLOW; i++) {
      if (next < digits.length()) {
        run.promptFinished();
        String digit = String.valueOf(digits.charAt(next++));
        record(events, "digit " + digit, run, run.digits(digit));
      } else if (run.nextDeadline().isPresent()) {
        now[0] = run.nextDeadline().get();
        record(events, "timeout", run, run.tick());
      } else {
        break;
      }
    }
    return new JsonObject().put("events", events).put("phase", run.phase().name().toLowerCase(java.util.Locale.ROOT))
        .put("step", run.currentStep().orElse(null)).put("explanation", new JsonArray(run.explanation()));
  }

  private static void record(JsonArray events, String event, FlowRun run, List<FlowDecision> decisions) {
    JsonArray out = new JsonArray();
    decisions.forEach(d -> out.add(describe(d)));
    events.add(new JsonObject().put("event", event).put("step", run.currentStep().orElse(null))
        .put("decisions", out));
  }

  /** A decision as {@code {type: "Enqueue", queueId: "support", ...}}, from its record components. */
  static JsonObject describe(FlowDecision decision) {
    JsonObject out = new JsonObject().put("type", decision.getClass().getSimpleName());
    RecordComponent[] parts = decision.getClass().getRecordComponents();
    if (parts != null) {
      for (RecordComponent c : parts) {
        try {
          Object v = c.getAccessor().invoke(decision);
          out.put(c.getName(), v == null ? null : String.valueOf(v));
        } catch (ReflectiveOperationException e) {
          out.put(c.getName(), "?");
        }
      }
    }
    return out;
  }
}
