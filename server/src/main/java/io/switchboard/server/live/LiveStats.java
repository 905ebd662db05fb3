package io.switchboard.server.live;

import io.switchboard.routing.acd.AgentProfile;
import io.switchboard.routing.acd.AgentState;
import io.switchboard.routing.acd.AgentStateChanged;
import io.switchboard.routing.acd.CallFinished;
import io.switchboard.routing.acd.Connect;
import io.switchboard.routing.acd.Decision;
import io.switchboard.routing.acd.Enqueued;
import io.switchboard.routing.acd.Membership;
import io.switchboard.routing.acd.Outcome;
import io.switchboard.routing.acd.Overflow;
import io.switchboard.routing.config.RoutingConfiguration;
import io.switchboard.server.calls.CallCenterListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The live figures of the wallboard and the agents board (issue 12), per queue and in total: calls waiting and the
 * longest wait now; today's service level, ASA, AHT, abandon rate, answered / abandoned / callbacks booked; agents by
 * state. Fed by call control's events ({@link CallCenterListener}, mostly the routing engine's decisions), read by
 * {@code GET /api/stats/live} and the wallboard socket, so both show the same numbers.
 *
 * <p>Definitions (docs/api.md, "Live statistics"): a call's wait is the engine's, from entering routing to the
 * answer or to leaving. Service level = answered within the queue's threshold ÷ (answered + abandoned after the
 * threshold), as Asterisk's queue log counts it; calls that overflowed (voicemail, callback, refused) count in
 * neither. ASA = total wait of answered calls ÷ answered. AHT = (talk + wrap-up) ÷ handled, counted when the agent
 * leaves wrap-up. Abandon rate = abandoned ÷ (answered + abandoned). "Today" starts at midnight in the hotline's
 * time zone (the clock's zone); a new day starts every counter at zero.
 *
 * <p>Thread-safe: call control writes on its context, readers come from the HTTP event loops.
 */
public final class LiveStats implements CallCenterListener {

  private final Clock clock;
  private final Map<String, QueueTally> queues = new LinkedHashMap<>();
  private final Map<String, AgentTally> agents = new LinkedHashMap<>();
  /** Queues of each configured agent; an agent absent here serves every queue (as call control treats it). */
  private final Map<String, Set<String>> memberships = new HashMap<>();
  /** Calls known to routing: the queue they are attributed to. */
  private final Map<String, String> callQueue = new HashMap<>();
  private final Map<String, String> callers = new HashMap<>();
  /** When each routed call entered routing: its wait runs from there (as the engine's {@code waited}). */
  private final Map<String, Instant> routedAt = new HashMap<>();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  private LocalDate day;

  public LiveStats(Clock clock) {
    this.clock = clock;
    this.day = LocalDate.now(clock);
  }

  /** Calls {@code listener} after every change (on the thread that made it; it must return quickly). */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  /** Takes the queues (names, targets), the agents and their memberships of a new routing configuration. */
  public void configure(RoutingConfiguration config) {
    synchronized (this) {
      Map<String, QueueTally> kept = new LinkedHashMap<>();
      config.queues().forEach(q -> {
        QueueTally t = queues.containsKey(q.id()) ? queues.get(q.id()) : new QueueTally(q.id());
        t.name = config.queueNames().getOrDefault(q.id(), q.id());
        t.targets = config.targets(q.id());
        kept.put(q.id(), t);
      });
      // A removed queue with calls still waiting stays until they leave.
      queues.values().stream().filter(q -> !kept.containsKey(q.id) && !q.waiting.isEmpty())
          .forEach(q -> kept.put(q.id, q));
      queues.clear();
      queues.putAll(kept);
      memberships.clear();
      for (AgentProfile p : config.agents()) {
        memberships.put(p.id(), Set.copyOf(p.memberships().stream().map(Membership::queueId).toList()));
        agents.computeIfAbsent(p.id(), AgentTally::new);
      }
    }
    changed();
  }

  // ---------------------------------------------------------------- call control's events

  @Override
  public void callArrived(String callId, String from) {
    synchronized (this) {
      if (from != null) {
        callers.put(callId, from);
      }
    }
  }

  @Override
  public void agentSignedIn(String agentId, String username, String name) {
    synchronized (this) {
      AgentTally a = agents.computeIfAbsent(agentId, AgentTally::new);
      a.username = username;
      a.name = name == null || name.isBlank() ? username : name;
    }
    changed();
  }

  /** The display name of an agent known from the configuration only; a name from signing in is kept. */
  public void agentNamed(String agentId, String name) {
    synchronized (this) {
      AgentTally a = agents.get(agentId);
      if (a == null || a.username != null || name == null || name.isBlank()) {
        return;
      }
      a.name = name;
    }
    changed();
  }

  @Override
  public void callbackBooked(String callId, String queueId) {
    synchronized (this) {
      rollDay();
      QueueTally q = queueId == null ? null : queue(queueId);
      if (q != null) {
        q.today.callbacks++;
      } else {
        unqueued.callbacks++;
      }
    }
    changed();
  }

  /** Callbacks booked for no known queue (a flow's callback step without a queue): in the total only. */
  private final QueueTally.Counters unqueued = new QueueTally.Counters();

  @Override
  public void callEnded(String callId) {
    synchronized (this) {
      callers.remove(callId);
      forget(callId);
    }
  }

  @Override
  public void decided(Decision decision) {
    synchronized (this) {
      rollDay();
      Instant now = clock.instant();
      if (decision instanceof Enqueued e) {
        enqueued(e, now);
      } else if (decision instanceof Overflow o) {
        leaveWaiting(o.callId());
      } else if (decision instanceof Connect c) {
        connected(c, now);
      } else if (decision instanceof CallFinished f) {
        finished(f);
      } else if (decision instanceof AgentStateChanged s) {
        stateChanged(s, now);
      } else {
        return; // offers and announcements change no figure
      }
    }
    changed();
  }

  private void enqueued(Enqueued e, Instant now) {
    leaveWaiting(e.callId());
    Instant since = routedAt.computeIfAbsent(e.callId(), id -> now);
    callQueue.put(e.callId(), e.queueId());
    QueueTally q = queue(e.queueId());
    if (q != null) {
      q.waiting.put(e.callId(), since);
    }
  }

  private void connected(Connect c, Instant now) {
    leaveWaiting(c.callId());
    if (c.queueId() != null) {
      callQueue.put(c.callId(), c.queueId());
      QueueTally q = queue(c.queueId());
      if (q != null) {
        q.today.answered(c.waited(), q.targets.serviceLevel());
      }
    }
    AgentTally a = agents.computeIfAbsent(c.agentId(), AgentTally::new);
    a.callId = c.callId();
    a.callQueue = c.queueId();
    a.caller = callers.get(c.callId());
    a.callSince = now;
    a.handlingQueue = c.queueId();
    a.handlingSince = now;
  }

  private void finished(CallFinished f) {
    leaveWaiting(f.callId());
    if (f.outcome() == Outcome.ABANDONED) {
      QueueTally q = queue(callQueue.get(f.callId()));
      if (q != null) {
        q.today.abandoned(f.waited(), q.targets.serviceLevel());
      }
    }
    forget(f.callId());
  }

  private void stateChanged(AgentStateChanged s, Instant now) {
    AgentTally a = agents.computeIfAbsent(s.agentId(), AgentTally::new);
    a.state = s.to();
    a.reason = s.to() == AgentState.NOT_READY ? CallCenterListener.wireReason(s.reason()) : null;
    a.since = now;
    if (s.to() != AgentState.ON_CALL) {
      a.callId = null;
      a.callQueue = null;
      a.caller = null;
      a.callSince = null;
    }
    if (a.handlingSince != null && s.to() != AgentState.ON_CALL && s.to() != AgentState.WRAP_UP) {
      // The call's talk and wrap-up are over: one handled call.
      long millis = Duration.between(a.handlingSince, now).toMillis();
      a.handled++;
      a.handleMillis += millis;
      QueueTally q = queue(a.handlingQueue);
      if (q != null) {
        q.today.handled++;
        q.today.handleMillis += millis;
      }
      a.handlingQueue = null;
      a.handlingSince = null;
    }
  }

  private void leaveWaiting(String callId) {
    QueueTally q = queue(callQueue.get(callId));
    if (q != null) {
      q.waiting.remove(callId);
    }
  }

  /** The call left routing: its queue and wait are no longer needed (the caller's number is, until it ends). */
  private void forget(String callId) {
    callQueue.remove(callId);
    routedAt.remove(callId);
  }

  private QueueTally queue(String id) {
    return id == null ? null : queues.get(id);
  }

  /**
   * Starts a new day if midnight (in the hotline's zone) has passed since the last event, and tells the listeners;
   * called by a timer so a quiet night still shows zeros after midnight.
   */
  public void checkDay() {
    boolean rolled;
    synchronized (this) {
      rolled = rollDay();
    }
    if (rolled) {
      changed();
    }
  }

  /** A new day in the hotline's zone: every counter starts again; what is live now (waiting, states) stays. */
  private boolean rollDay() {
    LocalDate today = LocalDate.now(clock);
    if (today.equals(day)) {
      return false;
    }
    day = today;
    queues.values().forEach(q -> q.today.reset());
    unqueued.reset();
    for (AgentTally a : agents.values()) {
      a.handled = 0;
      a.handleMillis = 0;
    }
    return true;
  }

  private void changed() {
    for (Runnable r : changeListeners) {
      r.run();
    }
  }

  // ---------------------------------------------------------------- reading

  /** Every figure now, for everyone (an admin, or a contact center without groups). */
  public LiveSnapshot snapshot() {
    return snapshot(agentId -> true);
  }

  /**
   * The figures a viewer may see: the agents {@code visible} accepts, and the queues that have at least one of them
   * as a member; the totals add up the visible queues and agents only.
   */
  public synchronized LiveSnapshot snapshot(Predicate<String> visible) {
    rollDay();
    Instant now = clock.instant();
    List<AgentTally> shownAgents = agents.values().stream().filter(a -> visible.test(a.id)).toList();
    List<LiveSnapshot.QueueFigures> shownQueues = new ArrayList<>();
    QueueTally.Counters total = new QueueTally.Counters();
    int waiting = 0;
    Instant oldest = null;
    for (QueueTally q : queues.values()) {
      List<AgentTally> members = shownAgents.stream().filter(a -> serves(a.id, q.id)).toList();
      boolean everyone = shownAgents.size() == agents.size();
      if (!everyone && members.isEmpty()) {
        continue;
      }
      Instant longest = q.waiting.values().stream().min(Instant::compareTo).orElse(null);
      shownQueues.add(new LiveSnapshot.QueueFigures(q.id, q.name, q.targets, q.waiting.size(), longest,
          copy(q.today), LiveSnapshot.AgentCounts.of(members)));
      total.add(q.today);
      waiting += q.waiting.size();
      if (longest != null && (oldest == null || longest.isBefore(oldest))) {
        oldest = longest;
      }
    }
    if (shownAgents.size() == agents.size()) {
      total.callbacks += unqueued.callbacks;
    }
    return new LiveSnapshot(now, day, clock.getZone(), shownQueues,
        new LiveSnapshot.Totals(waiting, oldest, total, LiveSnapshot.AgentCounts.of(shownAgents)),
        shownAgents.stream().map(a -> LiveSnapshot.AgentRow.of(a, queueName(a.callQueue))).toList());
  }

  private String queueName(String queueId) {
    QueueTally q = queue(queueId);
    return q == null ? queueId : q.name;
  }

  private boolean serves(String agentId, String queueId) {
    Set<String> of = memberships.get(agentId);
    return of == null || of.contains(queueId);
  }

  private static QueueTally.Counters copy(QueueTally.Counters c) {
    QueueTally.Counters out = new QueueTally.Counters();
    out.add(c);
    return out;
  }
}
