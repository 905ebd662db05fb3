package io.switchboard.server.calls;

import io.switchboard.gateway.InboundCallHandler;
import io.switchboard.gateway.SipLeg;
import io.switchboard.media.CloseReason;
import io.switchboard.media.WebRtcEndpoint;
import io.switchboard.media.bridge.Bridge;
import io.switchboard.media.bridge.TonePlayer;
import io.switchboard.media.prompt.Clip;
import io.switchboard.media.prompt.Prompts;
import io.switchboard.media.recording.Recordings;
import io.switchboard.routing.acd.Decision;
import io.switchboard.routing.acd.InvariantCheck;
import io.switchboard.routing.acd.RoutingEngine;
import io.switchboard.routing.acd.RoutingRejection;
import io.switchboard.routing.acd.Violation;
import io.switchboard.routing.config.RoutingConfiguration;
import io.switchboard.server.store.Store;
import io.switchboard.signaling.AgentCommands;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Call control. An inbound call runs the flow of its entry point (prompts, menus, lists, business hours, the
 * personal-manager cascade, voicemail, callback, survey: {@code routing.flow}); a flow that queues the call hands it
 * to the ACD ({@link RoutingEngine}), whose decisions ring agents, bridge the one who answers into their shift-long
 * media session (recorded), and put them into wrap-up afterwards. The engine and the flows are pure state machines:
 * this class feeds them the events (SIP, the agents' sockets, timers) and executes what they decide; everything
 * runs on one Vert.x context, so there are no locks. Callers arrive through {@link CallArrivals}; the agents' side
 * is {@link AgentDesk}, the flows' decisions {@link FlowSteps}, the engine's {@link AcdSteps}; the history records
 * are {@link CallRecords}, a new routing configuration is applied by {@link LiveConfiguration}.
 */
public final class CallCenter implements InboundCallHandler {
  private static final Logger LOG = Logger.getLogger(CallCenter.class.getName());
  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
  /** Longest a BYE waits for the call's final history record to be written. */
  static final long BYE_AFTER_WRITE_MAX_MS = 2_000;

  final Vertx vertx;
  final Context context;
  final CallsConfig config;
  final Store store;
  final WebRtcEndpoint endpoint;
  final Recordings recordings;
  /** Replaced whole when an admin uploads a prompt ({@link #prompts(Prompts)}); calls read it per prompt. */
  volatile Prompts prompts;
  final RoutingEngine engine = new RoutingEngine(InstantSource.system(), new SplittableRandom());
  private final LiveConfiguration configuration = new LiveConfiguration(this);
  RoutingConfiguration routing;
  final Map<String, Agent> agents = new LinkedHashMap<>();
  final Map<String, Call> calls = new LinkedHashMap<>();
  private final AgentDesk desk = new AgentDesk(this);
  /** Listen, whisper, barge: supervisors in live calls. */
  final Supervision supervision = new Supervision(this);
  private final AgentCommands desks = new Desks(desk, new SupervisorDesk(this, supervision));
  final AcdSteps acd = new AcdSteps(this);
  final FlowSteps flows = new FlowSteps(this);
  /** Calls agents place; dialling needs {@link #outbound(OutboundDialer)} (a trunk with outbound settings). */
  final AgentDialing dialing = new AgentDialing(this);
  /** Blind and warm transfers from the agent desk. */
  final Transfers transfers = new Transfers(this);
  /** Dials stored callback requests once {@link #outbound} enabled it. */
  final CallbackDialer callbacks = new CallbackDialer(this);
  /** The calls' history records, and the writes a graceful stop waits for. */
  final CallRecords records = new CallRecords(this);
  /** A trunk's PBX handing its call over (incoming REFER), inside the hotline only. */
  final TrunkReferrals referrals = new TrunkReferrals(this);
  /** Callers arriving from a trunk or the web, and leaving. */
  final CallArrivals arrivals = new CallArrivals(this);
  /** The node-to-node call links, when clustered ({@link #link}); null on a single node. */
  NodeLinks links;
  private boolean closing;
  private long engineTimer = -1;
  private Instant engineTimerAt;
  private long invariantViolations;
  /** Who watches live (the wallboard's statistics); told after each step, on this context. */
  CallCenterListener listener = CallCenterListener.NONE;
  private final AgentOverrides overrides = new AgentOverrides(this);

  public CallCenter(Vertx vertx, CallsConfig config, Store store, WebRtcEndpoint endpoint, Recordings recordings,
      Prompts prompts, RoutingConfiguration routing) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.config = config;
    this.store = store;
    this.endpoint = endpoint;
    this.recordings = recordings;
    this.prompts = prompts;
    this.routing = RoutingConfiguration.empty();
    configuration.apply(routing);
  }

  // ---------------------------------------------------------------- configuration, live

  /** Applies a new routing configuration: queues and agents change in place, new calls take the new flows. */
  public Future<Void> apply(RoutingConfiguration next) {
    return on(() -> {
      configuration.apply(next);
      return Future.succeededFuture();
    });
  }

  /**
   * Lets agents place calls through the one {@link OutboundDialer} (docs/security.md), and the server dial stored
   * callbacks when a schedule is given; without it {@code call.dial} is refused and callbacks stay stored.
   */
  public void outbound(OutboundDialer dialer, CallbackSchedule callbackSchedule) {
    on(() -> {
      dialing.dialer(dialer);
      if (callbackSchedule != null) {
        callbacks.start(callbackSchedule);
      }
      return Future.succeededFuture();
    });
  }

  /**
   * Names this node in every history record it writes (docs/scale.md), so that when it dies a surviving node closes
   * exactly its calls' records, and its own restart leaves the other nodes' live records alone.
   */
  public void clusterNode(String node) {
    records.node(node);
  }

  /**
   * Links this node's calls with the other nodes' agents (docs/scale.md, "Agent on node A, call on node B"): the
   * {@code node.<id>.link} address on the clustered event bus, plain RTP ports from {@code ports} for the media, and,
   * while this node leads the ACD ({@code leaderEpoch} not null), the placing of calls no agent on their node can
   * take on the nodes {@code peers} names (the other live ones).
   */
  public Future<Void> link(String node, io.switchboard.media.RtpPorts ports,
      Supplier<Future<List<String>>> peers, Supplier<Long> leaderEpoch) {
    return on(() -> {
      links = new NodeLinks(this, node, ports, peers, leaderEpoch);
      return links.start();
    });
  }

  String queueName(String queueId) {
    return routing.queueNames().getOrDefault(queueId, queueId);
  }

  // ---------------------------------------------------------------- inbound calls (gateway)

  @Override
  public void onIncomingCall(SipLeg sip) {
    arrivals.fromTrunk(sip);
  }

  /**
   * A website caller whose page, token and limits the web channel has checked ({@code server.webcall}): runs the
   * flow of the entry point they called, as a trunk call would. The number they typed, if any, is unverified: it
   * shows the agent the customer's card and is stored as stated, but the flow treats the caller as anonymous
   * (no personal-manager routing, no black or white list on someone else's number).
   *
   * @return the call id; fails (and the leg is rejected) when the entry point is not open to the web now
   */
  public Future<String> onWebCall(CallerLeg leg, String entry, String statedNumber) {
    return arrivals.fromWeb(leg, entry, statedNumber);
  }

  /** The prompt library in force. */
  public Prompts prompts() {
    return prompts;
  }

  /** The prompt library reloaded (an admin uploaded a recording): the next prompt played comes from it. */
  public void prompts(Prompts next) {
    prompts = java.util.Objects.requireNonNull(next, "prompts");
  }

  /** Sends the 200 OK if not yet: from now on the caller hears prompts and music on hold instead of ringback. */
  void answerCaller(Call call) {
    if (call.answered) {
      return;
    }
    call.answered = true;
    if (call.progressTimer >= 0) {
      vertx.cancelTimer(call.progressTimer);
      call.progressTimer = -1;
    }
    call.audio.background(call.phase == Call.Phase.QUEUED ? TonePlayer.Pattern.HOLD_MUSIC : null);
    call.leg.answer().onComplete(ar -> on(() -> {
      if (ar.failed() && call.phase != Call.Phase.ENDED) {
        call.event("answer_failed", new JsonObject().put("error", String.valueOf(ar.cause().getMessage())));
        end(call, call.phase == Call.Phase.CONNECTED ? "answered" : "abandoned", "system");
      }
      return Future.succeededFuture();
    }));
  }

  /** The prompt clips for an id, in the caller's language (English if missing); none if there is no such prompt. */
  List<Clip> clips(String lang, String promptId) {
    Optional<Clip> clip = prompts.clip(lang, promptId);
    if (clip.isEmpty()) {
      LOG.warning("no prompt " + lang + "/" + promptId);
      return List.of();
    }
    return List.of(clip.get());
  }

  // ---------------------------------------------------------------- the conversation

  /** The agent answered (the engine said Connect): bridge, record, send the 200 OK if the flow had not. */
  void connect(Call call, Agent agent) {
    call.ringing.clear();
    call.audio.pause();
    call.phase = Call.Phase.CONNECTED;
    call.agent = agent;
    call.servedBy = agent.id();
    agent.call = call;
    if (call.answeredAt == null) {
      call.answeredAt = Instant.now(); // a transferred call keeps its first answer (talk time counts from it)
    }
    startRecording(call);
    call.bridge = Bridge.connect(call.leg.media(), agent.media, call.recorder);
    call.event("answered", new JsonObject().put("agent", agent.id()).put("mediaSession", agent.media.id()));
    // The agent hears the caller at once (the media already flows as early media); the 200 OK follows.
    answerCaller(call);
    agent.send(new JsonObject().put("type", "call.answered").put("callId", call.id)
        .put("answeredAt", call.answeredAt.toString()));
    flows.agentAnswered(call, agent.id());
    records.saveProgress(call);
    supervision.callConnected(call);
  }

  /** Starts the call's recording (if calls are recorded, and on the node that keeps the call's record). */
  void startRecording(Call call) {
    if (config.recordCalls() && call.leg.recordedHere()) {
      // One file per agent segment (docs/routing.md, "Transfers"): the first keeps the call's id as its name.
      call.recorder = recordings.start(DAY.format(call.arrivedAt) + "/" + call.id
          + (call.segment > 1 ? "-" + call.segment : ""));
    }
  }

  /** The agent hung up first: the caller may stay for the survey, else the call ends. */
  void agentHungUp(Call call) {
    call.hungUpBy = "agent";
    detachAgent(call, "agent");
    flows.agentHungUp(call);
  }

  /**
   * Ends the conversation on the agent's side: unbridges, tells the desktop, and lets the engine put the agent into
   * wrap-up. The call itself may go on (survey).
   */
  void detachAgent(Call call, String by) {
    detachAgent(call, by, true);
  }

  /**
   * As {@link #detachAgent(Call, String)}; {@code leavesAcd} false when the call stays with the routing engine (a
   * transfer hands it over to a colleague, who is connected by the engine's decision).
   */
  void detachAgent(Call call, String by, boolean leavesAcd) {
    supervision.callDetached(call);
    if (call.bridge != null) {
      call.bridge.disconnect();
      call.bridge = null;
    }
    Agent agent = call.agent;
    if (agent != null && agent.call == call) {
      agent.call = null;
      agent.wrapUpCall = call.id;
      agent.send(new JsonObject().put("type", "call.ended").put("callId", call.id).put("by", by)
          .put("durationSeconds", Duration.between(call.answeredAt, Instant.now()).toSeconds()));
    }
    if (call.routed && leavesAcd) {
      engineEvent("hang up " + call.id, () -> engine.hangUp(call.id));
    }
  }

  /** Ends a call once: hangs up the caller unless they left, frees the agents, writes the history record. */
  void end(Call call, String outcome, String by) {
    if (call.phase == Call.Phase.ENDED) {
      return;
    }
    Call.Phase was = call.phase;
    call.phase = Call.Phase.ENDED;
    call.endedAt = Instant.now();
    call.outcome = outcome;
    if (call.hungUpBy == null) {
      call.hungUpBy = by;
    }
    cancelTimers(call);
    call.audio.stop();
    if (call.link != null) {
      call.link.callEnded(by);
    }
    if (call.run != null) {
      call.run.callerHungUp(); // the flow stops; the engine below cancels whatever still rings
    }
    if (was == Call.Phase.CONNECTED) {
      detachAgent(call, by);
    } else if (call.routed) {
      engineEvent("hang up " + call.id, () -> engine.hangUp(call.id));
    }
    transfers.callEnded(call);
    call.event("ended", new JsonObject().put("outcome", outcome).put("by", by));
    flows.finishVoicemail(call);
    if (config.callbackAbandoned() && call.queuedAt != null && call.answeredAt == null
        && (outcome.equals("abandoned") || outcome.equals("missed"))) {
      flows.bookCallback(call, call.from, call.queueId, 0, outcome);
    }
    calls.remove(call.id);
    listener.callEnded(call.id);
    Future<Void> saved = records.saveRecord(call);
    if (!by.equals("caller")) {
      // The BYE tells the caller the call is over: send it once the final record is on disk (a crash right after
      // must not leave the call "interrupted"), but never hold the caller longer than a slow database takes.
      saved.timeout(BYE_AFTER_WRITE_MAX_MS, TimeUnit.MILLISECONDS).onComplete(v -> on(() -> {
        call.leg.hangup();
        return Future.succeededFuture();
      }));
    }
  }

  private void cancelTimers(Call call) {
    for (long t : new long[] {call.progressTimer, call.maxWaitTimer, call.flowTimer, call.voicemailTimer}) {
      if (t >= 0) {
        vertx.cancelTimer(t);
      }
    }
    call.progressTimer = -1;
    call.maxWaitTimer = -1;
    call.flowTimer = -1;
    call.voicemailTimer = -1;
  }

  // ---------------------------------------------------------------- the routing engine

  /**
   * Feeds the engine one event and executes its decisions. A rejected event (impossible now: the call ended
   * meanwhile, a stale offer) changes nothing and is logged; it returns false.
   */
  boolean engineEvent(String what, Supplier<List<Decision>> event) {
    return engineCommand(what, event).isEmpty();
  }

  /**
   * As {@link #engineEvent}, for a command someone asked for (an agent, a supervisor): the engine's refusal is
   * returned, so the asker can be told why.
   */
  Optional<RoutingRejection> engineCommand(String what, Supplier<List<Decision>> event) {
    List<Decision> decisions;
    try {
      decisions = event.get();
    } catch (RoutingRejection e) {
      LOG.fine(() -> what + " refused by the routing engine: " + e.getMessage());
      return Optional.of(e);
    }
    for (Decision d : decisions) {
      try {
        acd.execute(d);
        listener.decided(d);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "executing " + d + " failed", e);
      }
    }
    if (config.invariantCheck()) {
      List<Violation> violations = InvariantCheck.check(engine);
      if (!violations.isEmpty()) {
        invariantViolations += violations.size();
        LOG.severe("routing invariant violated after " + what + ": " + violations + "\n" + engine.debugState());
      }
    }
    scheduleTick();
    return Optional.empty();
  }

  /** Keeps one timer at the engine's next deadline (ring-no-answer, wrap-up end, announcements, max wait). */
  private void scheduleTick() {
    Optional<Instant> next = engine.nextDeadline();
    if (next.isEmpty()) {
      return;
    }
    if (engineTimer >= 0 && !engineTimerAt.isAfter(next.get())) {
      return;
    }
    if (engineTimer >= 0) {
      vertx.cancelTimer(engineTimer);
    }
    long delay = Math.max(1, Duration.between(Instant.now(), next.get()).toMillis() + 1);
    engineTimerAt = next.get();
    engineTimer = vertx.setTimer(delay, t -> on(() -> {
      engineTimer = -1;
      engineEvent("tick", engine::tick);
      return Future.succeededFuture();
    }));
  }

  /** Invariant violations seen since start (0 unless the engine has a bug); on /health. */
  public Future<Long> invariantViolations() {
    return on(() -> Future.succeededFuture(invariantViolations));
  }

  // ---------------------------------------------------------------- plumbing

  /** What the agents' (and supervisors') sockets ask of call control. */
  public AgentCommands desk() {
    return desks;
  }

  /** What supervisors' sockets ask about live calls: listen, whisper, barge. */
  public io.switchboard.signaling.SupervisorCommands supervisors() {
    return supervision;
  }

  /** What supervisors ask of call control about agents (force Not ready, log out). */
  public AgentOverrides agentOverrides() {
    return overrides;
  }

  /** Reports every later step to {@code l} (one listener; the server's live statistics). */
  public void listen(CallCenterListener l) {
    on(() -> {
      listener = l == null ? CallCenterListener.NONE : l;
      return Future.succeededFuture();
    });
  }

  /** Number of calls in progress (in a flow, queued, connected, in a survey or voicemail). */
  public Future<Integer> activeCalls() {
    return on(() -> Future.succeededFuture(calls.size()));
  }

  /**
   * Ends every call (BYE to callers, 503 to the unanswered) and every agent's media session, and completes once
   * every history record has been written, so the store can close after it.
   */
  public Future<Void> close() {
    return on(() -> {
      closing = true;
      callbacks.stop();
      if (links != null) {
        links.stopPlacing();
      }
      dialing.closeAll();
      for (Call call : new ArrayList<>(calls.values())) {
        call.event("server_stopping");
        end(call, call.answeredAt != null ? "answered" : call.voicemail != null ? "voicemail" : "missed", "system");
      }
      if (links != null) {
        links.close(); // after the calls above told the other nodes they ended
      }
      if (engineTimer >= 0) {
        vertx.cancelTimer(engineTimer);
        engineTimer = -1;
      }
      supervision.close();
      for (Agent agent : agents.values()) {
        if (agent.media != null) {
          agent.media.close(CloseReason.SHUTDOWN);
        }
      }
      return records.allWritten();
    });
  }

  boolean closing() {
    return closing;
  }

  /** Runs on the call center's context; exceptions become failed futures. */
  <T> Future<T> on(Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    Runnable run = () -> {
      try {
        action.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    };
    if (Vertx.currentContext() == context) {
      run.run();
    } else {
      context.runOnContext(v -> run.run());
    }
    return promise.future();
  }
}
