package io.switchboard.server.calls;

import io.switchboard.gateway.SipLeg;
import io.switchboard.media.bridge.Bridge;
import io.switchboard.media.bridge.TonePlayer;
import io.switchboard.media.recording.CallRecorder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * One inbound call: the caller's SIP leg, where it waits, who it rings, the bridge and recording once answered, and
 * the timeline its history record is made of. Touched on the call center's context only.
 */
final class Call {
  enum Phase { QUEUED, RINGING, CONNECTED, ENDED }

  /** The outcome stored while the call is up; a crash leaves it, and the next start marks it "interrupted". */
  static final String IN_PROGRESS = "in_progress";

  final String id;
  final SipLeg leg;
  final String from;
  final String to;
  final String queueId;
  final String queueName;
  final Instant arrivedAt = Instant.now();
  final JsonArray timeline = new JsonArray();
  final Set<String> triedAgents = new HashSet<>();

  Phase phase = Phase.QUEUED;
  Instant queuedAt;
  Instant offeredAt;
  Instant answeredAt;
  Instant endedAt;
  Agent offeredTo;
  Agent agent;
  long ringTimer = -1;
  /** Re-sends 183 while the caller waits (RFC 3261 §13.3.1.1: a provisional response at least every minute). */
  long progressTimer = -1;
  long maxWaitTimer = -1;
  TonePlayer waitingTone;
  TonePlayer holdMusic;
  Bridge bridge;
  CallRecorder recorder;
  String outcome;
  String hungUpBy;
  int offers;
  /**
   * The last write of this call's history record: each write starts after the one before, so an older snapshot
   * never replaces a newer one.
   */
  Future<Void> lastWrite = Future.succeededFuture();

  Call(String id, SipLeg leg, String from, String to, String queueId, String queueName) {
    this.id = id;
    this.leg = leg;
    this.from = from;
    this.to = to;
    this.queueId = queueId;
    this.queueName = queueName;
  }

  /** Appends to the timeline: every step of the call is kept with its time. */
  void event(String name, JsonObject details) {
    JsonObject e = new JsonObject().put("at", Instant.now().toString()).put("event", name);
    if (details != null) {
      e.mergeIn(details);
    }
    timeline.add(e);
  }

  void event(String name) {
    event(name, null);
  }

  /**
   * The history record (CDR) of this call as it stands, in MongoDB's extended JSON for dates: a copy, so it can be
   * written later. Until the call ends its outcome is {@value #IN_PROGRESS}.
   */
  JsonObject record(JsonObject recording) {
    return new JsonObject()
        .put("_id", id)
        .put("sipCallId", leg.callId())
        .put("trunk", leg.trunk())
        .put("from", from)
        .put("fromRaw", leg.from())
        .put("to", to)
        .put("toRaw", leg.to())
        .put("queue", new JsonObject().put("id", queueId).put("name", queueName))
        .put("agent", agent == null ? null
            : new JsonObject().put("id", agent.id()).put("username", agent.account.username())
                .put("name", agent.account.name()))
        .put("arrivedAt", date(arrivedAt))
        .put("queuedAt", date(queuedAt))
        .put("offeredAt", date(offeredAt))
        .put("answeredAt", date(answeredAt))
        .put("endedAt", date(endedAt))
        .put("offers", offers)
        .put("outcome", outcome == null ? IN_PROGRESS : outcome)
        .put("hungUpBy", hungUpBy)
        .put("talkSeconds", answeredAt == null || endedAt == null ? 0
            : java.time.Duration.between(answeredAt, endedAt).toSeconds())
        .put("recording", recording)
        .put("timeline", timeline.copy());
  }

  private static JsonObject date(Instant instant) {
    return instant == null ? null : new JsonObject().put("$date", instant.toString());
  }
}
