package io.switchboard.routing.acd;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The ACD as one transactional state machine. It owns agents, queues and calls; every input is an event method
 * that first validates (throwing {@link RoutingRejection} and changing nothing), then applies the event, then
 * matches waiting calls with Ready agents, and returns the decisions in the order they must be executed.
 *
 * <p>Time comes only from the {@link InstantSource} given at construction, randomness only from the given
 * generator, and iteration order is insertion order: the same events at the same instants give the same decisions.
 * The engine never schedules anything itself; the owner calls {@link #tick()} at {@link #nextDeadline()}.
 *
 * <p>Not thread-safe by design: one owner (in the server, one Vert.x context per queue group) feeds it events.
 */
public final class RoutingEngine {

  private final RoutingState state;
  private final CallDistributor distributor;
  private final Transitions moves;
  private final DirectRings direct;
  private final Reconfiguration reconfigure;

  public RoutingEngine(InstantSource clock, RandomGenerator random) {
    this.state = new RoutingState(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(random, "random"));
    this.distributor = new CallDistributor(state);
    this.moves = new Transitions(state);
    this.direct = new DirectRings(state);
    this.reconfigure = new Reconfiguration(state);
  }

  // ---- configuration -----------------------------------------------------------------------------------------

  /** Adds a queue. Overflow targets must name queues added before, which keeps overflow chains free of cycles. */
  public void addQueue(QueueConfig config) {
    if (state.queues.containsKey(config.id())) {
      throw new RoutingRejection("queue " + config.id() + " already exists");
    }
    config.overflowQueues().filter(q -> !state.queues.containsKey(q)).findFirst().ifPresent(q -> {
      throw new RoutingRejection("queue " + config.id() + " overflows to unknown queue " + q
          + " (add the target first)");
    });
    state.queues.put(config.id(), new CallQueue(config));
    state.queuesChanged();
  }

  /** Adds a (logged out) agent and appends it to the member list of each of its queues. */
  public void addAgent(AgentProfile profile) {
    if (state.agents.containsKey(profile.id())) {
      throw new RoutingRejection("agent " + profile.id() + " already exists");
    }
    profile.memberships().stream().filter(m -> !state.queues.containsKey(m.queueId())).findFirst().ifPresent(m -> {
      throw new RoutingRejection("agent " + profile.id() + " is a member of unknown queue " + m.queueId());
    });
    Agent agent = new Agent(profile, now());
    state.agents.put(profile.id(), agent);
    agent.skillLevels(state.skillLevels(profile));
    profile.memberships().forEach(m -> state.queues.get(m.queueId()).addMember(agent, m.weight()));
  }

  // ---- live reconfiguration ----------------------------------------------------------------------------------

  /**
   * Replaces a queue's configuration while calls are up. The queue keeps its waiting calls (in order), members,
   * round-robin memory and measured handle time; the new rules apply from now on (offers already ringing keep
   * their deadline, agents in wrap-up their end time, callers already waiting stay even if the new maximum length
   * is lower). A new maximum wait that a caller already exceeded makes {@link #nextDeadline()} due at once. Then the
   * sweep runs, so a new strategy, skill widening or no-agent policy may decide at once.
   */
  public List<Decision> updateQueue(QueueConfig config) {
    CallQueue q = state.queues.get(config.id());
    if (q == null) {
      throw new RoutingRejection("unknown queue " + config.id() + " (add it first)");
    }
    reconfigure.checkOverflowTargets(config);
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      reconfigure.replace(q, config, now);
      return out;
    });
  }

  /**
   * Adds the agent (Logged out) if unknown, else replaces its skills and memberships: it leaves the queues no longer
   * listed and is appended to the member list of newly listed ones (existing positions are kept). An agent Ringing,
   * On call or in Wrap-up keeps its current call. The sweep runs: new skills or queues may bring an offer at once.
   */
  public List<Decision> updateAgent(AgentProfile profile) {
    if (!state.agents.containsKey(profile.id())) {
      addAgent(profile);
      return List.of();
    }
    reconfigure.checkMemberships(profile);
    Agent a = state.agents.get(profile.id());
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      reconfigure.replace(a, profile);
      return out;
    });
  }

  /** Forgets a Logged out agent and takes it out of its queues. Refused in any other state. */
  public void removeAgent(String agentId) {
    Agent a = agent(agentId);
    if (a.state() != AgentState.LOGGED_OUT) {
      throw new RoutingRejection("agent " + agentId + " is " + a.state() + "; log it out before removing it");
    }
    reconfigure.remove(a);
  }

  /** Forgets a queue. Refused while it has members, live calls, or is another queue's overflow target. */
  public void removeQueue(String queueId) {
    CallQueue q = state.queues.get(queueId);
    if (q == null) {
      throw new RoutingRejection("unknown queue " + queueId);
    }
    reconfigure.checkRemovable(q);
    state.queues.remove(queueId);
    state.dirty.remove(q);
    state.staffingChanged.remove(q);
    state.queuesChanged();
  }

  // ---- agent events ------------------------------------------------------------------------------------------

  /** Logged out → Not ready ("login"); the agent goes Ready with {@link #ready} once its media session is up. */
  public List<Decision> login(String agentId) {
    Agent a = agent(agentId);
    if (a.state() != AgentState.LOGGED_OUT) {
      throw new RoutingRejection("agent " + agentId + " is already logged in (" + a.state() + ")");
    }
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      state.transition(a, AgentState.NOT_READY, "login", now, out);
      return out;
    });
  }

  /** Ready to take calls; during a call or wrap-up it cancels a pending "Not ready after this call". */
  public List<Decision> ready(String agentId) {
    Agent a = agent(agentId);
    if (a.state() == AgentState.LOGGED_OUT) {
      throw new RoutingRejection("agent " + agentId + " is logged out");
    }
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      switch (a.state()) {
        case NOT_READY -> {
          a.resetMisses();
          state.transition(a, AgentState.READY, "ready", now, out);
        }
        case ON_CALL, WRAP_UP -> a.notReadyAfterCall(null);
        default -> { } // already Ready or Ringing
      }
      return out;
    });
  }

  /**
   * Not ready with an admin-defined reason code. Ringing: the offer is withdrawn and the call goes to the next
   * agent. On call or in wrap-up: the agent goes Not ready when the call and its wrap-up end.
   */
  public List<Decision> notReady(String agentId, String reason) {
    Agent a = agent(agentId);
    if (reason == null || reason.isBlank()) {
      throw new RoutingRejection("a Not ready reason code is required");
    }
    if (a.state() == AgentState.LOGGED_OUT) {
      throw new RoutingRejection("agent " + agentId + " is logged out");
    }
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      switch (a.state()) {
        case ON_CALL, WRAP_UP -> a.notReadyAfterCall(reason);
        case RINGING -> {
          moves.withdraw(a, CancelReason.AGENT_UNAVAILABLE, now, out);
          state.transition(a, AgentState.NOT_READY, reason, now, out);
        }
        default -> state.transition(a, AgentState.NOT_READY, reason, now, out);
      }
      return out;
    });
  }

  /** Logs the agent out (a ringing offer is withdrawn, wrap-up is cut short). Refused during a call. */
  public List<Decision> logout(String agentId) {
    Agent a = agent(agentId);
    if (a.state() == AgentState.ON_CALL) {
      throw new RoutingRejection("agent " + agentId + " is on call " + a.currentCall() + "; log out after it");
    }
    if (a.state() == AgentState.LOGGED_OUT) {
      return List.of();
    }
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      if (a.state() == AgentState.RINGING) {
        moves.withdraw(a, CancelReason.AGENT_UNAVAILABLE, now, out);
      }
      a.notReadyAfterCall(null);
      state.transition(a, AgentState.LOGGED_OUT, "logout", now, out);
      return out;
    });
  }

  /** The agent answered the call it is ringing for: connect, and stop the other ring-all agents. */
  public List<Decision> answer(String agentId, String callId) {
    Agent a = ringingFor(agentId, callId);
    RoutedCall call = state.calls.get(callId);
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      for (String other : List.copyOf(call.ringing())) {
        if (!other.equals(agentId)) {
          Agent o = state.agents.get(other);
          out.add(new CancelOffer(callId, other, CancelReason.ANSWERED_ELSEWHERE));
          state.transition(o, AgentState.READY, "answered elsewhere", now, out);
        }
      }
      state.queues.get(call.queueId()).remove(call);
      call.connect(agentId, now);
      a.answered();
      state.transition(a, AgentState.ON_CALL, "answered " + callId, now, out);
      a.currentCall(callId);
      out.add(new Connect(callId, agentId, call.queueId(), Duration.between(call.arrivedAt(), now)));
      return out;
    });
  }

  /** The agent declined the offer: counts as a ring-no-answer, the call goes to the next agent. */
  public List<Decision> decline(String agentId, String callId) {
    Agent a = ringingFor(agentId, callId);
    RoutedCall call = state.calls.get(callId);
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      if (call.direct()) {
        // A direct ring declined is not a ring-no-answer of a queue call: the agent is simply Ready again.
        moves.withdraw(a, CancelReason.DECLINED, now, out);
        state.transition(a, AgentState.READY, "declined direct ring " + callId, now, out);
      } else {
        moves.missed(a, call, CancelReason.DECLINED, now, out);
      }
      return out;
    });
  }

  /** The agent ends its wrap-up early. */
  public List<Decision> wrapUpDone(String agentId) {
    Agent a = agent(agentId);
    if (a.state() != AgentState.WRAP_UP) {
      throw new RoutingRejection("agent " + agentId + " is not in wrap-up (" + a.state() + ")");
    }
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      moves.afterCall(a, now, out);
      return out;
    });
  }

  // ---- call events -------------------------------------------------------------------------------------------

  /** A call asks to be queued. It is offered, queued (with an announcement) or overflowed at once. */
  public List<Decision> callArrived(CallRequest request) {
    if (state.calls.containsKey(request.callId())) {
      throw new RoutingRejection("call " + request.callId() + " is already routed");
    }
    if (!state.queues.containsKey(request.queueId())) {
      throw new RoutingRejection("unknown queue " + request.queueId());
    }
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      RoutedCall call = new RoutedCall(request, state.nextSequence++, now);
      state.calls.put(call.id(), call);
      moves.enter(call, state.queues.get(request.queueId()), now, out);
      return out;
    });
  }

  /**
   * Rings these agents directly for the call (the personal-manager cascade): those Ready now are reserved (Ringing
   * for the call, an {@link Offer} each whose explanation lists why the others were skipped); the call is registered
   * as a <em>direct</em> call attributed to {@code queueId} (wrap-up time, handle time) but waits in no queue, so
   * the distributor never offers it and never offers a queue call to its agents. Nobody Ready: no offer (the flow
   * moves on at its own timer). Called again for the same unconnected call (next cascade step), it adds the new
   * agents. After {@code safetyTimeout} the engine cancels offers still ringing ({@code CancelOffer(TIMEOUT)}) and
   * forgets the call as {@link #stopDirect} would, so no agent stays reserved if the owner forgets the ring.
   */
  public List<Decision> ringDirect(String callId, String queueId, List<String> agentIds, Duration safetyTimeout) {
    Objects.requireNonNull(callId, "callId");
    if (!state.queues.containsKey(queueId)) {
      throw new RoutingRejection("unknown queue " + queueId);
    }
    if (agentIds == null || agentIds.isEmpty()) {
      throw new RoutingRejection("a direct ring needs at least one agent");
    }
    if (agentIds.stream().distinct().count() != agentIds.size()) {
      throw new RoutingRejection("a direct ring names an agent twice: " + agentIds);
    }
    agentIds.forEach(this::agent);
    if (safetyTimeout == null || safetyTimeout.isNegative() || safetyTimeout.isZero()) {
      throw new RoutingRejection("the safety timeout of a direct ring must be positive, got " + safetyTimeout);
    }
    RoutedCall existing = state.calls.get(callId);
    if (existing != null && (!existing.direct() || existing.connected())) {
      throw new RoutingRejection("call " + callId + " is " + existing.describe() + "; it cannot be rung directly");
    }
    if (existing != null && !existing.queueId().equals(queueId)) {
      throw new RoutingRejection("call " + callId + " is rung directly for queue " + existing.queueId()
          + ", not " + queueId);
    }
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      direct.ring(callId, queueId, agentIds, safetyTimeout, now, out);
      return out;
    });
  }

  /**
   * Stops the direct ring of a call: every offer is cancelled ({@code CancelOffer(STOPPED)}, the agents Ready
   * again, no ring-no-answer counted) and the unconnected call is forgotten without a {@link CallFinished}, because
   * it goes on elsewhere: another {@link #ringDirect} or {@link #callArrived} under the same id. Idempotent: a call
   * the engine no longer knows (already stopped, or expired at its safety deadline) or a connected direct call
   * (the answer already cancelled the other offers) gives no decisions.
   */
  public List<Decision> stopDirect(String callId) {
    RoutedCall call = state.calls.get(callId);
    if (call != null && !call.direct()) {
      throw new RoutingRejection("call " + callId + " is " + call.describe() + ", not a direct ring");
    }
    if (call == null || call.connected()) {
      return List.of();
    }
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      direct.stop(call, CancelReason.STOPPED, now, out);
      return out;
    });
  }

  /**
   * The call ended (the caller hung up, or either side after the answer). Waiting: abandoned. Connected: answered,
   * and the agent goes to wrap-up.
   */
  public List<Decision> hangUp(String callId) {
    RoutedCall call = state.calls.get(callId);
    if (call == null) {
      throw new RoutingRejection("unknown call " + callId);
    }
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      if (!call.connected()) {
        for (String agentId : List.copyOf(call.ringing())) {
          moves.withdraw(state.agents.get(agentId), CancelReason.CALLER_HUNG_UP, now, out);
          state.transition(state.agents.get(agentId), AgentState.READY, "caller hung up", now, out);
        }
        state.queues.get(call.queueId()).remove(call);
        moves.finish(call, Outcome.ABANDONED, Duration.between(call.arrivedAt(), now), out);
        return out;
      }
      Agent a = state.agents.get(call.agentId());
      CallQueue q = state.queues.get(call.queueId());
      Duration talk = Duration.between(call.connectedAt(), now);
      a.talked(talk);
      q.recordHandleTime(talk.plus(q.config().wrapUp()));
      moves.finish(call, Outcome.ANSWERED, Duration.between(call.arrivedAt(), call.connectedAt()), out);
      if (q.config().wrapUp().isZero()) {
        moves.afterCall(a, now, out);
      } else {
        state.transition(a, AgentState.WRAP_UP, "call ended", now, out);
        a.currentCall(callId);
        a.wrapUpEnds(now.plus(q.config().wrapUp()));
      }
      return out;
    });
  }

  /**
   * The waiting call leaves this engine for another one's queue (an agent on another node takes it, docs/scale.md):
   * as a hang-up while waiting, but finished {@link Outcome#MOVED}, which is neither answered nor abandoned here.
   */
  public List<Decision> moveOut(String callId) {
    RoutedCall call = state.calls.get(callId);
    if (call == null) {
      throw new RoutingRejection("unknown call " + callId);
    }
    if (call.connected() || call.direct()) {
      throw new RoutingRejection("call " + callId + " is not waiting in a queue");
    }
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      for (String agentId : List.copyOf(call.ringing())) {
        moves.withdraw(state.agents.get(agentId), CancelReason.CALL_LEFT_QUEUE, now, out);
        state.transition(state.agents.get(agentId), AgentState.READY, "call moved", now, out);
      }
      state.queues.get(call.queueId()).remove(call);
      moves.finish(call, Outcome.MOVED, Duration.between(call.arrivedAt(), now), out);
      return out;
    });
  }

  /**
   * A transfer completes: the connected call moves from its agent to {@code toAgentId}, who must be Ready, or Not
   * ready (a consultation reserves the colleague as Not ready so no queue offers them a call meanwhile). The first
   * agent's talk counts as handled and they go to wrap-up as after a hang-up; the call stays connected, to the new
   * agent, and a {@link Connect} (waited zero: the caller did not wait again) tells the owner to bridge it.
   */
  public List<Decision> handOver(String callId, String toAgentId) {
    RoutedCall call = state.calls.get(callId);
    if (call == null || !call.connected()) {
      throw new RoutingRejection("call " + callId + " is not connected to an agent");
    }
    Agent to = agent(toAgentId);
    if (to.id().equals(call.agentId())) {
      throw new RoutingRejection("call " + callId + " is already connected to " + toAgentId);
    }
    if (to.state() != AgentState.READY && to.state() != AgentState.NOT_READY) {
      throw new RoutingRejection("agent " + toAgentId + " is busy (" + to.state() + ")");
    }
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      Agent from = state.agents.get(call.agentId());
      CallQueue q = state.queues.get(call.queueId());
      Duration talk = Duration.between(call.connectedAt(), now);
      from.talked(talk);
      q.recordHandleTime(talk.plus(q.config().wrapUp()));
      if (q.config().wrapUp().isZero()) {
        moves.afterCall(from, now, out);
      } else {
        state.transition(from, AgentState.WRAP_UP, "transferred " + callId, now, out);
        from.currentCall(callId);
        from.wrapUpEnds(now.plus(q.config().wrapUp()));
      }
      call.connect(toAgentId, now);
      to.answered();
      state.transition(to, AgentState.ON_CALL, "transferred " + callId, now, out);
      to.currentCall(callId);
      out.add(new Connect(callId, toAgentId, call.queueId(), Duration.ZERO));
      return out;
    });
  }

  /** Fires every timer due at the clock's now: ring-no-answer, wrap-up end, max wait, periodic announcements. */
  public List<Decision> tick() {
    return event(now -> {
      List<Decision> out = new ArrayList<>();
      state.dirty.addAll(state.queues.values()); // timers are rare: look at every queue once
      direct.expire(now, out);
      for (RoutedCall call : List.copyOf(state.calls.values())) {
        if (!call.direct() && !call.ringing().isEmpty() && !call.offerDeadline().isAfter(now)) {
          for (String agentId : List.copyOf(call.ringing())) {
            moves.missed(state.agents.get(agentId), call, CancelReason.TIMEOUT, now, out);
          }
        }
      }
      for (Agent a : state.agents.values()) {
        if (a.state() == AgentState.WRAP_UP && !a.wrapUpEnds().isAfter(now)) {
          moves.afterCall(a, now, out);
        }
      }
      for (RoutedCall call : List.copyOf(state.calls.values())) {
        if (call.connected() || call.direct()) {
          continue;
        }
        QueueConfig cfg = state.queues.get(call.queueId()).config();
        if (!cfg.maxWait().isZero() && call.waitedIn(now).compareTo(cfg.maxWait()) >= 0) {
          moves.overflow(call, cfg.whenMaxWait(), OverflowReason.MAX_WAIT, now, out);
        } else if (call.nextAnnouncement() != null && !call.nextAnnouncement().isAfter(now)) {
          out.add(state.announcement(call, now));
          Instant next = call.nextAnnouncement();
          while (!next.isAfter(now)) {
            next = next.plus(cfg.announceEvery());
          }
          call.nextAnnouncement(next);
        }
      }
      return out;
    });
  }

  /** The earliest instant at which {@link #tick()} has something to do, if any. */
  public Optional<Instant> nextDeadline() {
    Instant best = null;
    for (RoutedCall call : state.calls.values()) {
      if (call.connected()) {
        continue;
      }
      if (call.direct()) {
        best = earlier(best, call.directUntil());
        continue;
      }
      QueueConfig cfg = state.queues.get(call.queueId()).config();
      best = earlier(best, call.offerDeadline());
      best = earlier(best, call.nextAnnouncement());
      if (!cfg.maxWait().isZero()) {
        best = earlier(best, call.queuedAt().plus(cfg.maxWait()));
      }
      if (!call.request().skills().isEmpty()) {
        Optional<Duration> step = cfg.widening().nextStepAfter(call.waitedIn(state.lastEvaluated));
        if (step.isPresent()) {
          best = earlier(best, call.queuedAt().plus(step.get()));
        }
      }
    }
    for (Agent a : state.agents.values()) {
      best = earlier(best, a.wrapUpEnds());
    }
    return Optional.ofNullable(best);
  }

  // ---- reading -----------------------------------------------------------------------------------------------

  public Optional<Agent> findAgent(String agentId) {
    return Optional.ofNullable(state.agents.get(agentId));
  }

  public Collection<Agent> agents() {
    return Collections.unmodifiableCollection(state.agents.values());
  }

  public Optional<CallQueue> findQueue(String queueId) {
    return Optional.ofNullable(state.queues.get(queueId));
  }

  public Collection<CallQueue> queues() {
    return Collections.unmodifiableCollection(state.queues.values());
  }

  public Optional<RoutedCall> findCall(String callId) {
    return Optional.ofNullable(state.calls.get(callId));
  }

  /** Calls still routed: waiting or connected. */
  public Collection<RoutedCall> calls() {
    return Collections.unmodifiableCollection(state.calls.values());
  }

  /** Position and estimated wait of a waiting call now, as it would be announced. */
  public Optional<Announce> announcement(String callId) {
    RoutedCall call = state.calls.get(callId);
    return call == null || call.connected() ? Optional.empty() : Optional.of(state.announcement(call, now()));
  }

  /** Every agent, queue and call on one line each, for logs and failure messages. */
  public String debugState() {
    StringBuilder b = new StringBuilder("routing engine at ").append(state.lastEvaluated).append('\n');
    state.agents.values().forEach(a -> b.append("  agent ").append(a.describe()).append(' ').append(a.profile())
        .append('\n'));
    state.queues.values().forEach(q -> b.append("  queue ").append(q.id()).append(" members ").append(q.members())
        .append(" waiting ").append(q.waiting().stream().map(RoutedCall::id).toList()).append(" config ")
        .append(q.config()).append('\n'));
    state.calls.values().forEach(c -> b.append("  call ").append(c.describe()).append('\n'));
    return b.toString();
  }

  RoutingState state() {
    return state;
  }

  CallDistributor distributor() {
    return distributor;
  }

  // ---- internals ---------------------------------------------------------------------------------------------

  private interface Change {
    List<Decision> apply(Instant now);
  }

  /** Applies a validated change, then the sweep every event ends with. */
  private List<Decision> event(Change change) {
    Instant now = now();
    List<Decision> out = change.apply(now);
    sweep(now, out);
    state.lastEvaluated = now;
    return Collections.unmodifiableList(out);
  }

  /**
   * Calls leave queues nobody staffs (when so configured), then waiting calls meet Ready agents, then calls that
   * really wait get their first announcement. Incremental: only queues the event touched (see
   * {@link RoutingState#dirty}) are looked at, so an event costs the same with 10 queues or 1,000.
   */
  private void sweep(Instant now, List<Decision> out) {
    if (now.isAfter(state.lastEvaluated)) {
      for (CallQueue q : state.wideningQueues) {
        // Time passed: a widening step may have made waiting calls servable.
        if (!q.waiting().isEmpty()) {
          state.dirty.add(q);
        }
      }
    }
    if (!state.staffingChanged.isEmpty()) {
      for (CallQueue q : List.copyOf(state.staffingChanged)) {
        OverflowTarget target = q.config().whenNoAgents();
        if (target != null && !q.waiting().isEmpty() && state.queues.get(q.id()) == q && !state.anyLoggedIn(q)) {
          for (RoutedCall call : List.copyOf(q.waiting())) {
            moves.overflow(call, target, OverflowReason.NO_AGENTS_LOGGED_IN, now, out);
          }
        }
      }
      state.staffingChanged.clear();
    }
    distributor.dispatch(now, out);
    if (!state.unannounced.isEmpty()) {
      for (java.util.Iterator<RoutedCall> it = state.unannounced.iterator(); it.hasNext(); ) {
        RoutedCall call = it.next();
        if (state.calls.get(call.id()) != call || call.connected() || call.announced()) {
          it.remove(); // finished, answered, or announced already
        } else if (call.ringing().isEmpty()) {
          // First announcement once the call really waits (not when an agent rings at once).
          out.add(state.announcement(call, now));
          call.announced(true);
          Duration every = state.queues.get(call.queueId()).config().announceEvery();
          call.nextAnnouncement(every.isZero() ? null : now.plus(every));
          it.remove();
        }
      }
    }
  }

  private Agent agent(String agentId) {
    Agent a = state.agents.get(agentId);
    if (a == null) {
      throw new RoutingRejection("unknown agent " + agentId);
    }
    return a;
  }

  private Agent ringingFor(String agentId, String callId) {
    Agent a = agent(agentId);
    if (a.state() != AgentState.RINGING || !callId.equals(a.offeredCall())) {
      throw new RoutingRejection("agent " + agentId + " has no offer of call " + callId + " (" + a.describe() + ")");
    }
    return a;
  }

  private Instant now() {
    return state.clock.instant();
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null ? b : b == null ? a : (b.isBefore(a) ? b : a);
  }
}
