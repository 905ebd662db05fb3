package io.switchboard.server.api;

import io.switchboard.routing.flow.Flow;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Walks a flow without a call, for the IVR editor's "test this flow" (call control's {@code FlowSimulation}). */
@FunctionalInterface
public interface FlowSimulator {

  /** {@code {events: [{event, step, decisions}], phase, step, explanation}}. */
  JsonObject run(Flow flow, String digits, Instant at, String caller, String dialled);
}
