package io.switchboard.server.calls;

import io.switchboard.routing.acd.AgentState;
import io.switchboard.routing.callback.KeptPlace;
import io.switchboard.routing.flow.QueueHours;
import io.switchboard.server.store.CallbackQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Dials stored callback requests (docs/routing.md, "Dialled callbacks"). One at a time: when an agent of the
 * request's queue is Ready with a connected headset, the agent is reserved (the routing engine sees them Not ready,
 * {@value #PREVIEW_REASON}, so no queue offers them a call) and previewed the request ({@code callback.offer});
 * when they accept ({@code call.dial} with the request's id as {@code ref}) the server dials the customer with the
 * hotline's caller id through the {@link OutboundDialer} as the callback job. Each attempt's outcome is stored on the
 * request; busy or unanswered attempts are retried after a back-off, up to a limit. Requests are taken oldest first,
 * each only while its queue is in its business hours ({@link QueueHours}) and the trunk's calling window is open.
 * Runs on the call center's context.
 */
final class CallbackDialer {

  private static final Logger LOG = Logger.getLogger(CallbackDialer.class.getName());
  static final String PREVIEW_REASON = "callback_preview";

  /** The request being previewed or dialled, and the agent reserved for it. */
  private record Reservation(JsonObject request, Agent agent, boolean wasReady, long timeout) {
  }

  private final CallCenter center;
  private CallbackSchedule schedule;
  private long poller = -1;
  private boolean looking;
  private Reservation current;

  CallbackDialer(CallCenter center) {
    this.center = center;
  }

  void start(CallbackSchedule callbacks) {
    this.schedule = callbacks;
    poller = center.vertx.setPeriodic(callbacks.pollEvery().toMillis(), t -> center.on(() -> {
      tick();
      return Future.succeededFuture();
    }));
  }

  void stop() {
    if (poller >= 0) {
      center.vertx.cancelTimer(poller);
      poller = -1;
    }
  }

  private void tick() {
    if (current != null || looking || center.closing() || !schedule.open(Instant.now())) {
      return;
    }
    if (center.agents.values().stream().noneMatch(this::free)) {
      return;
    }
    looking = true;
    center.store.callbacks().find(new CallbackQuery("pending", null, null, null, null, 50))
        .onComplete(ar -> center.on(() -> {
          looking = false;
          if (ar.succeeded()) {
            Instant now = Instant.now();
            ar.result().stream().filter(r -> due(r, now) && queueOpen(r.getString("queueId"), now) && turnCome(r))
                .findFirst()
                .ifPresent(this::reserve);
          }
          return Future.succeededFuture();
        }));
  }

  private static boolean due(JsonObject request, Instant now) {
    String next = request.getString("nextAttemptAt");
    return next == null || !Instant.parse(next).isAfter(now);
  }

  /**
   * Whether the request's queue is in its business hours: the flows' hours steps that lead to it
   * ({@link QueueHours}); a queue no hours step guards is always open. The trunk's own window
   * ({@link CallbackSchedule#open}) applies on top.
   */
  private boolean queueOpen(String queueId, Instant now) {
    return queueId == null || QueueHours.of(center.routing.flows().values(), queueId).open(now);
  }

  /**
   * A "keep my place" request waits until its place reaches the head of its queue: no call still waiting there is
   * ahead of it ({@link KeptPlace}). Other requests are due at once.
   */
  private boolean turnCome(JsonObject request) {
    String queueId = request.getString("queueId");
    Object at = request.getValue("requestedAt");
    if (!request.getBoolean("keepPlace", false) || queueId == null || !(at instanceof JsonObject date)) {
      return true;
    }
    KeptPlace place = new KeptPlace(queueId, request.getInteger("priority", 0), Instant.parse(date.getString("$date")));
    return place.turnCome(center.engine.findQueue(queueId).map(q -> q.waiting()).orElse(java.util.List.of()));
  }

  private boolean free(Agent agent) {
    return agent.state == AgentState.READY && agent.mediaConnected() && agent.call == null
        && center.dialing.callOf(agent) == null;
  }

  private boolean serves(Agent agent, String queueId) {
    return queueId == null || center.engine.findAgent(agent.id())
        .map(a -> a.profile().memberships().stream().anyMatch(m -> m.queueId().equals(queueId))).orElse(false);
  }

  private void reserve(JsonObject request) {
    if (current != null) {
      return;
    }
    String queueId = request.getString("queueId");
    Optional<Agent> agent = center.agents.values().stream().filter(a -> free(a) && serves(a, queueId)).findFirst();
    if (agent.isEmpty()) {
      return;
    }
    Agent a = agent.get();
    String id = request.getString("_id");
    long timeout = center.vertx.setTimer(schedule.acceptWithin().toMillis(), t -> center.on(() -> {
      if (current != null && current.request().getString("_id").equals(id) && current.timeout() >= 0) {
        LOG.info(() -> "callback " + id + ": " + a.id() + " did not accept the preview");
        release("preview_expired");
      }
      return Future.succeededFuture();
    }));
    current = new Reservation(request, a, true, timeout);
    center.engineEvent("callback preview " + a.id(), () -> center.engine.notReady(a.id(), PREVIEW_REASON));
    center.store.callbacks().update(id, new JsonObject().put("status", "in_progress").put("assignedTo", a.id()));
    a.send(new JsonObject().put("type", "callback.offer").put("callbackId", id)
        .put("to", AgentDialing.masked(request.getString("number"))).put("queue", center.queueName(queueId))
        .put("reason", request.getString("reason")).put("attempts", request.getInteger("attempts", 0))
        .put("acceptSeconds", schedule.acceptWithin().toSeconds()));
  }

  /** The reserved agent accepts: the request's number, or a refusal if this agent holds no such preview. */
  Future<String> accept(Agent agent, String callbackId) {
    if (current == null || current.agent() != agent || !current.request().getString("_id").equals(callbackId)) {
      return Future.failedFuture(new io.switchboard.signaling.SignalingException("not_allowed",
          "no callback " + callbackId + " is offered to you"));
    }
    center.vertx.cancelTimer(current.timeout());
    current = new Reservation(current.request(), agent, current.wasReady(), -1);
    return Future.succeededFuture(current.request().getString("number"));
  }

  /** The queue of the request being previewed, or null. */
  String queueOf(String callbackId) {
    return current != null && current.request().getString("_id").equals(callbackId)
        ? current.request().getString("queueId") : null;
  }

  /** Whether the agent's reservation asked to put them back to Ready after the call. */
  boolean restoresReady(String callbackId) {
    return current != null && current.request().getString("_id").equals(callbackId) && current.wasReady();
  }

  /** An attempt is over: stored on the request, then done, retried after the back-off, or given up. */
  void attemptEnded(String callbackId, String outcome, String agentId) {
    if (current == null || !current.request().getString("_id").equals(callbackId)) {
      return;
    }
    JsonObject request = current.request();
    current = null;
    int attempts = request.getInteger("attempts", 0) + 1;
    JsonArray log = request.getJsonArray("attemptLog", new JsonArray()).copy()
        .add(new JsonObject().put("at", Instant.now().toString()).put("outcome", outcome).put("agent", agentId));
    JsonObject changes = new JsonObject().put("attempts", attempts).put("attemptLog", log).putNull("assignedTo");
    if (outcome.equals("answered")) {
      changes.put("status", "done");
    } else if (attempts >= schedule.maxAttempts()) {
      changes.put("status", "failed");
    } else {
      changes.put("status", "pending").put("nextAttemptAt",
          Instant.now().plus(schedule.retryAfter().multipliedBy(attempts)).toString());
    }
    LOG.info(() -> "callback " + callbackId + " attempt " + attempts + ": " + outcome + " -> "
        + changes.getString("status"));
    center.store.callbacks().update(callbackId, changes);
  }

  /** The dialled call could not even start (the wall refused it, no RTP port...): counts as a failed attempt. */
  void notPlaced(String callbackId, String why, String agentId) {
    Reservation r = current;
    attemptEnded(callbackId, why, agentId);
    if (r != null && r.wasReady() && center.agents.get(r.agent().id()) == r.agent()) {
      center.engineEvent("callback over " + r.agent().id(), () -> center.engine.ready(r.agent().id()));
    }
  }

  private void release(String why) {
    Reservation r = current;
    current = null;
    center.store.callbacks().update(r.request().getString("_id"), new JsonObject().put("status", "pending")
        .putNull("assignedTo"));
    r.agent().send(new JsonObject().put("type", "callback.offer_cancelled")
        .put("callbackId", r.request().getString("_id")).put("reason", why));
    if (r.wasReady() && center.agents.get(r.agent().id()) == r.agent()) {
      center.engineEvent("callback released " + r.agent().id(), () -> center.engine.ready(r.agent().id()));
    }
  }
}
