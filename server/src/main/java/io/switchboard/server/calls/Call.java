package io.switchboard.server.calls;

import io.switchboard.media.bridge.Bridge;
import io.switchboard.media.recording.CallRecorder;
import io.switchboard.routing.flow.FlowRun;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One inbound call: the caller's leg (SIP or web), the flow it runs, where it waits, who it rings, the bridge and recording
 * once answered, and the timeline its history record is made of. Touched on the call center's context only.
 */
final class Call {
  enum Phase {
    /** Running its flow's steps: prompts, menus, the personal-manager cascade. */
    IN_FLOW,
    /** Waiting in an ACD queue (maybe ringing agents). */
    QUEUED,
    CONNECTED,
    /** The agent hung up first; the caller answers the keypad survey. */
    SURVEY,
    /** Leaving a message. */
    VOICEMAIL,
    /** The flow decided to end the call; the last prompt plays before the hang-up. */
    CLOSING,
    ENDED
  }

  /** The outcome stored while the call is up; a crash leaves it, and the next start marks it "interrupted". */
  static final String IN_PROGRESS = "in_progress";

  final String id;
  final CallerLeg leg;
  final String from;
  final String to;
  final Instant arrivedAt = Instant.now();
  final JsonArray timeline = new JsonArray();
  /** The agents this call's offers ring right now (queue offers and cascade rings). */
  final Set<String> ringing = new LinkedHashSet<>();
  /**
   * Every offer made for this call with the routing engine's explanation, rendered to text only when the history
   * record is written (the engine records its inputs cheaply; the text is built on first read).
   */
  final java.util.List<OfferNote> offerExplanations = new java.util.ArrayList<>();

  /** One offer: who, when, and why (the engine's explanation, rendered once). */
  static final class OfferNote {
    private final String agent;
    private final Instant at;
    private final io.switchboard.routing.acd.explain.OfferExplanation explanation;
    private String text;

    OfferNote(String agent, Instant at, io.switchboard.routing.acd.explain.OfferExplanation explanation) {
      this.agent = agent;
      this.at = at;
      this.explanation = explanation;
    }

    JsonObject toJson() {
      if (text == null) {
        text = explanation.describe();
      }
      return new JsonObject().put("agent", agent).put("at", at.toString()).put("explanation", text);
    }
  }
  final CallAudio audio;

  Phase phase = Phase.IN_FLOW;
  String flowId;
  FlowRun run;
  /** Whether the flow's digit collection is listening (keys pressed otherwise are only logged). */
  boolean collecting;
  /** 200 OK sent: from then on the caller hears prompts and music on hold; before it, early media ringback. */
  boolean answered;
  /** Known to the routing engine (queued, rung directly or connected through it). */
  boolean routed;
  String queueId;
  String queueName;
  Instant queuedAt;
  Instant offeredAt;
  Instant answeredAt;
  Instant endedAt;
  Agent agent;
  /** The agent who took the call, kept after the conversation for the survey's rating. */
  String servedBy;
  /** Re-sends 183 while the caller waits unanswered (RFC 3261 §13.3.1.1: a provisional response every minute). */
  long progressTimer = -1;
  long maxWaitTimer = -1;
  long flowTimer = -1;
  long voicemailTimer = -1;
  Bridge bridge;
  /** Set while the call's agent is on another node (docs/scale.md): the link's end on this, the call's, node. */
  LinkedCall link;
  CallRecorder recorder;
  /** A voicemail being left: its document and recorder. */
  JsonObject voicemail;
  CallRecorder voicemailRecorder;
  JsonObject csat;
  final HoldTime hold = new HoldTime();
  /**
   * Transfers (docs/routing.md, "Transfers"): one recording file per agent segment; {@code segment} counts them
   * (1 until the first transfer), {@code segments} holds the finished ones, {@code transfers} each transfer asked.
   */
  int segment = 1;
  final JsonArray segments = new JsonArray();
  final JsonArray transfers = new JsonArray();
  /** The caller's CRM card (docs/protocol.md, call.offer), or null for a new caller. */
  JsonObject card;
  String outcome;
  String hungUpBy;
  int offers;
  /**
   * The last write of this call's history record: each write starts after the one before, so an older snapshot
   * never replaces a newer one.
   */
  Future<Void> lastWrite = Future.succeededFuture();

  Call(String id, CallerLeg leg, String from, String to, CallAudio audio) {
    this.id = id;
    this.leg = leg;
    this.from = from;
    this.to = to;
    this.audio = audio;
  }

  /** Appends to the timeline: every step of the call is kept with its time. */
  void event(String name, JsonObject details) {
    JsonObject e = new JsonObject().put("at", Instant.now().toString()).put("event", name);
    if (details != null) {
      e.mergeIn(details);
    }
    timeline.add(e);
    leg.heard(name, e);
  }

  void event(String name) {
    event(name, null);
  }

  boolean waiting() {
    return phase == Phase.IN_FLOW || phase == Phase.QUEUED;
  }

  /**
   * The history record (CDR) of this call as it stands, in MongoDB's extended JSON for dates: a copy, so it can be
   * written later. Until the call ends its outcome is {@value #IN_PROGRESS}.
   */
  JsonObject record(JsonObject recording) {
    return new JsonObject()
        .put("_id", id)
        .mergeIn(leg.describe())
        .put("from", from)
        .put("customerId", card == null ? null : card.getString("id"))
        .put("to", to)
        .put("queue", queueId == null ? null : new JsonObject().put("id", queueId).put("name", queueName))
        .put("link", link == null ? null : link.facts.copy())
        .put("agent", agent == null ? (link == null ? null : link.facts.getJsonObject("agent"))
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
        .put("holdSeconds", hold.seconds(endedAt))
        .put("recording", recording)
        .put("segments", segments.isEmpty() ? null : segments.copy())
        .put("transfers", transfers.isEmpty() ? null : transfers.copy())
        .put("csat", csat == null ? null : csat.copy())
        .put("voicemailId", voicemail == null ? null : voicemail.getString("_id"))
        .put("routing", new JsonObject()
            .put("flow", flowId)
            .put("explanation", run == null ? new JsonArray() : new JsonArray(java.util.List.copyOf(run.explanation())))
            .put("offers", new JsonArray(offerExplanations.stream().map(OfferNote::toJson).toList())))
        .put("timeline", timeline.copy());
  }

  static JsonObject date(Instant instant) {
    return instant == null ? null : new JsonObject().put("$date", instant.toString());
  }
}
