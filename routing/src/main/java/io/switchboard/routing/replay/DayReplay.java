package io.switchboard.routing.replay;

import io.switchboard.routing.acd.AgentProfile;
import io.switchboard.routing.acd.AgentState;
import io.switchboard.routing.acd.CallFinished;
import io.switchboard.routing.acd.CallRequest;
import io.switchboard.routing.acd.CancelOffer;
import io.switchboard.routing.acd.Connect;
import io.switchboard.routing.acd.Decision;
import io.switchboard.routing.acd.Enqueued;
import io.switchboard.routing.acd.Offer;
import io.switchboard.routing.acd.QueueConfig;
import io.switchboard.routing.acd.RoutingEngine;
import io.switchboard.routing.acd.RoutingRejection;
import io.switchboard.routing.config.RoutingConfiguration;
import io.switchboard.routing.flow.decision.Enqueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Runs a recorded day through the production {@link RoutingEngine} and {@code FlowRun} under another configuration,
 * in simulated time: a discrete-event loop moves a {@link VirtualClock} from one event to the next (arrivals at the
 * recorded times, agents picking up after the recorded ring time, conversations of the recorded length, callers
 * hanging up when their patience runs out) and calls the engine's {@code tick()} at its {@code nextDeadline()}, as
 * call control does with a real timer. Nothing here decides routing: every offer is the engine's. Not thread-safe;
 * one instance per run. docs/routing.md, "Replay".
 */
public final class DayReplay {

  /** Simulated time allowed after the last recorded event for the calls still waiting to end. */
  private static final Duration DRAIN = Duration.ofHours(4);

  private static final int MAX_TICKS_AT_ONCE = 10_000;

  private record Event(Instant at, long seq, Runnable action) {
  }

  private final RoutingConfiguration config;
  private final PatienceModel patience;
  private final VirtualClock clock;
  private final RoutingEngine engine;
  private final PriorityQueue<Event> events =
      new PriorityQueue<>(Comparator.comparing(Event::at).thenComparingLong(Event::seq));
  private final Map<String, RecordedCall> byId = new HashMap<>();
  private final Map<String, String> entryQueue = new HashMap<>();
  private final Map<String, ReplayedCall> finished = new LinkedHashMap<>();
  private final Map<String, String> connectedTo = new HashMap<>();
  private final Set<String> openOffers = new HashSet<>();
  private final Map<String, Duration> meanTalkByQueue;
  private final Duration meanPickUp;
  private long seq;
  private long engineEvents;
  private final List<String> rejections = new ArrayList<>();

  private DayReplay(RoutingConfiguration config, List<RecordedCall> calls, PatienceModel patience, long seed,
      Instant start) {
    this.config = config;
    this.patience = patience;
    this.clock = new VirtualClock(start);
    this.engine = new RoutingEngine(clock, new SplittableRandom(seed));
    calls.forEach(c -> byId.put(c.id(), c));
    this.meanTalkByQueue = meanTalk(calls);
    this.meanPickUp = Duration.ofMillis(Math.round(calls.stream().filter(RecordedCall::answered)
        .mapToLong(c -> c.pickUp().toMillis()).average().orElse(0)));
  }

  /**
   * Replays {@code calls} with {@code shifts} staffing under {@code config}.
   *
   * @param seed the engine's random draws (random strategies) and nothing else
   */
  public static ReplayResult run(RoutingConfiguration config, List<RecordedCall> calls, List<AgentShift> shifts,
      PatienceModel patience, long seed) {
    Instant start = calls.stream().map(RecordedCall::arrivedAt).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    for (AgentShift s : shifts) {
      start = s.from().isBefore(start) ? s.from() : start;
    }
    DayReplay replay = new DayReplay(config, calls, patience, seed, start);
    long began = System.nanoTime();
    replay.configure(shifts);
    List<RecordedCall> ordered = new ArrayList<>(calls);
    ordered.sort(Comparator.comparing(RecordedCall::entersQueueAt).thenComparing(RecordedCall::id));
    ordered.forEach(replay::scheduleArrival);
    Instant simulatedFrom = start;
    Instant end = replay.loop();
    return replay.result(Duration.between(simulatedFrom, end), Duration.ofNanos(System.nanoTime() - began), calls);
  }

  private void configure(List<AgentShift> shifts) {
    for (QueueConfig q : config.queues()) {
      engine.addQueue(q);
    }
    Set<String> configured = new HashSet<>();
    for (AgentProfile p : config.agents()) {
      configured.add(p.id());
      engine.updateAgent(p);
    }
    for (AgentShift s : shifts) {
      if (configured.add(s.agentId())) {
        engine.updateAgent(config.profileOrDefault(s.agentId()));
      }
      at(s.from(), () -> {
        handle(engine.login(s.agentId()));
        handle(engine.ready(s.agentId()));
      });
      at(s.until(), () -> {
        AgentState state = engine.findAgent(s.agentId()).map(a -> a.state()).orElse(AgentState.LOGGED_OUT);
        if (state != AgentState.LOGGED_OUT) {
          handle(engine.notReady(s.agentId(), "end-of-shift"));
        }
      });
    }
  }

  private void scheduleArrival(RecordedCall call) {
    FlowChoice choice = FlowChoice.of(config, call);
    at(call.entersQueueAt(), () -> {
      Optional<Enqueue> enqueue = choice.enqueue();
      if (enqueue.isEmpty() || engine.findQueue(enqueue.get().queueId()).isEmpty()) {
        finished.put(call.id(), new ReplayedCall(call.id(), null, null, "not_queued", Duration.ZERO));
        return;
      }
      Enqueue e = enqueue.get();
      handle(engine.callArrived(new CallRequest(call.id(), e.queueId(), e.priority(), e.skills())));
      patience.patienceOf(call).ifPresent(p -> at(clock.instant().plus(p), () -> {
        if (!finished.containsKey(call.id()) && !connectedTo.containsKey(call.id())
            && engine.findCall(call.id()).isPresent()) {
          handle(engine.hangUp(call.id()));
        }
      }));
    });
  }

  private Instant loop() {
    Instant lastRecorded = null;
    Instant lastTick = null;
    int ticksAtOnce = 0;
    while (true) {
      Event next = events.peek();
      Optional<Instant> due = engine.nextDeadline();
      Instant now = clock.instant();
      if (next != null) {
        lastRecorded = next.at();
      }
      if (due.isPresent() && (next == null || !due.get().isAfter(next.at()))) {
        Instant at = due.get().isBefore(now) ? now : due.get();
        if (next == null && lastRecorded != null && at.isAfter(lastRecorded.plus(DRAIN))) {
          break;
        }
        ticksAtOnce = at.equals(lastTick) ? ticksAtOnce + 1 : 0;
        lastTick = at;
        if (ticksAtOnce > MAX_TICKS_AT_ONCE) {
          // A deadline that tick() does not clear would spin here forever: report it rather than hang.
          rejections.add(at + ": the engine's deadline stays due after " + MAX_TICKS_AT_ONCE + " ticks");
          break;
        }
        clock.advanceTo(at);
        handle(engine.tick());
        continue;
      }
      if (next == null) {
        break;
      }
      events.poll();
      clock.advanceTo(next.at());
      try {
        next.action().run();
      } catch (RoutingRejection e) {
        rejections.add(clock.instant() + ": " + e.getMessage());
      }
    }
    return clock.instant();
  }

  private void handle(List<Decision> decisions) {
    engineEvents++;
    for (Decision d : decisions) {
      if (d instanceof Enqueued e) {
        entryQueue.putIfAbsent(e.callId(), e.queueId());
      } else if (d instanceof Offer o) {
        String key = o.callId() + "\n" + o.agentId();
        openOffers.add(key);
        RecordedCall call = byId.get(o.callId());
        at(clock.instant().plus(pickUpOf(call)), () -> {
          if (openOffers.contains(key)) {
            handle(engine.answer(o.agentId(), o.callId()));
          }
        });
      } else if (d instanceof CancelOffer c) {
        openOffers.remove(c.callId() + "\n" + c.agentId());
      } else if (d instanceof Connect c) {
        openOffers.remove(c.callId() + "\n" + c.agentId());
        connectedTo.put(c.callId(), c.agentId());
        finished.put(c.callId(), new ReplayedCall(c.callId(), entryQueue.get(c.callId()), c.agentId(), "answered",
            c.waited()));
        at(clock.instant().plus(talkOf(byId.get(c.callId()), c.queueId())), () -> handle(engine.hangUp(c.callId())));
      } else if (d instanceof CallFinished f && !connectedTo.containsKey(f.callId())) {
        finished.put(f.callId(), new ReplayedCall(f.callId(), entryQueue.get(f.callId()), null,
            f.outcome().name().toLowerCase(java.util.Locale.ROOT), f.waited()));
      }
    }
  }

  /**
   * The recorded pick-up of an answered call; for another call the day's mean pick-up, but longer than the ring
   * its caller already sat through (that agent had not picked up by then).
   */
  private Duration pickUpOf(RecordedCall call) {
    if (call.answered()) {
      return call.pickUp();
    }
    Duration atLeast = call.pickUp().isZero() ? Duration.ZERO : call.pickUp().plusSeconds(1);
    return meanPickUp.compareTo(atLeast) >= 0 ? meanPickUp : atLeast;
  }

  /** The recorded conversation; a caller who was not answered that day talks as long as the queue's average. */
  private Duration talkOf(RecordedCall call, String queueId) {
    if (call.answered() && !call.talk().isZero()) {
      return call.talk();
    }
    return meanTalkByQueue.getOrDefault(queueId, meanTalkByQueue.getOrDefault("", Duration.ofMinutes(3)));
  }

  private static Map<String, Duration> meanTalk(List<RecordedCall> calls) {
    Map<String, long[]> sums = new HashMap<>();
    for (RecordedCall c : calls) {
      if (c.answered() && !c.talk().isZero()) {
        for (String key : new String[] {c.queueId() == null ? "" : c.queueId(), ""}) {
          long[] s = sums.computeIfAbsent(key, k -> new long[2]);
          s[0] += c.talk().toMillis();
          s[1]++;
        }
      }
    }
    Map<String, Duration> out = new HashMap<>();
    sums.forEach((k, s) -> out.put(k, Duration.ofMillis(s[0] / s[1])));
    return out;
  }

  private void at(Instant when, Runnable action) {
    events.add(new Event(when.isBefore(clock.instant()) ? clock.instant() : when, seq++, action));
  }

  private ReplayResult result(Duration simulated, Duration computed, List<RecordedCall> calls) {
    List<ReplayedCall> out = new ArrayList<>();
    for (RecordedCall c : calls) {
      out.add(finished.getOrDefault(c.id(),
          new ReplayedCall(c.id(), entryQueue.get(c.id()), null, "unfinished", Duration.ZERO)));
    }
    return new ReplayResult(out, ReplayResult.figures(config, out), simulated, computed, engineEvents,
        List.copyOf(rejections));
  }
}
