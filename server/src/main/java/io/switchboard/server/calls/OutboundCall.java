package io.switchboard.server.calls;

import io.switchboard.media.bridge.Bridge;
import io.switchboard.media.recording.CallRecorder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * One call an agent placed: the outbound leg, the bridge into the agent's shift-long media session, the recording
 * (customer left, agent right, like inbound calls) and the timeline of its history record
 * ({@code direction: outbound}). Touched on the call center's context only.
 */
final class OutboundCall {

  final String id;
  final Agent agent;
  final OutboundDialer.Placed placed;
  /** Set when the number came from a history record or callback the agent may not see (number masking). */
  final String reference;
  final Instant startedAt = Instant.now();
  final JsonArray timeline = new JsonArray();
  /** The agent was Ready before dialling; Ready again afterwards. */
  boolean wasReady;
  Instant answeredAt;
  Instant endedAt;
  Bridge bridge;
  CallRecorder recorder;
  String outcome;
  String hungUpBy;
  Future<Void> lastWrite = Future.succeededFuture();

  OutboundCall(String id, Agent agent, OutboundDialer.Placed placed, String reference) {
    this.id = id;
    this.agent = agent;
    this.placed = placed;
    this.reference = reference;
  }

  void event(String name, JsonObject details) {
    JsonObject e = new JsonObject().put("at", Instant.now().toString()).put("event", name);
    if (details != null) {
      e.mergeIn(details);
    }
    timeline.add(e);
  }

  /** The history record as it stands (outcome {@value Call#IN_PROGRESS} until the call ends). */
  JsonObject record(JsonObject recording) {
    return new JsonObject()
        .put("_id", id)
        .put("direction", "outbound")
        .put("sipCallId", placed.leg().callId())
        .put("trunk", placed.leg().trunk())
        .put("from", placed.admitted().policy().callerId())
        .put("to", placed.admitted().e164())
        .put("dialledBy", new JsonObject()
            .put("kind", reference != null && reference.startsWith("cb-") ? "callback" : "agent")
            .put("reference", reference))
        // Dialled by reference: the agent never saw the number, and the history does not show it to them either.
        .put("maskNumbers", reference != null)
        .put("agent", new JsonObject().put("id", agent.id()).put("username", agent.account.username())
            .put("name", agent.account.name()))
        .put("arrivedAt", Call.date(startedAt))
        .put("answeredAt", Call.date(answeredAt))
        .put("endedAt", Call.date(endedAt))
        .put("offers", 0)
        .put("outcome", outcome == null ? Call.IN_PROGRESS : outcome)
        .put("hungUpBy", hungUpBy)
        .put("talkSeconds", answeredAt == null || endedAt == null ? 0
            : Duration.between(answeredAt, endedAt).toSeconds())
        .put("recording", recording)
        .put("timeline", timeline.copy());
  }
}
