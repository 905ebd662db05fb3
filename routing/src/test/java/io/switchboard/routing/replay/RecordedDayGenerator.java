package io.switchboard.routing.replay;

import io.switchboard.routing.acd.CallFinished;
import io.switchboard.routing.acd.CallRequest;
import io.switchboard.routing.acd.CancelOffer;
import io.switchboard.routing.acd.Connect;
import io.switchboard.routing.acd.Decision;
import io.switchboard.routing.acd.ManualClock;
import io.switchboard.routing.acd.Offer;
import io.switchboard.routing.acd.QueueConfig;
import io.switchboard.routing.acd.RoutingEngine;
import io.switchboard.routing.config.RoutingConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Records a synthetic day the way call control would: drives a {@link RoutingEngine} on a {@link ManualClock} with
 * Poisson arrivals, the menu key chosen by each caller, desks that pick up after a few seconds, conversations of
 * random length and callers with exponential patience, then writes what a CDR keeps. Written apart from
 * {@link DayReplay} (its own event loop) so the replay is checked against another driver of the same engine.
 */
final class RecordedDayGenerator {

  static final Instant OPEN = Instant.parse("2026-03-02T07:00:00Z");
  static final Instant CLOSE = OPEN.plus(Duration.ofHours(8));
  static final Duration IVR = Duration.ofSeconds(8);

  final List<RecordedCall> calls = new ArrayList<>();
  final List<AgentShift> shifts = new ArrayList<>();

  /** Timed actions in time order; same-instant actions run in insertion order. */
  private final TreeMap<Instant, List<Runnable>> agenda = new TreeMap<>();
  private final ManualClock clock = new ManualClock(OPEN.minusSeconds(1));
  private final RoutingEngine engine = new RoutingEngine(clock, new SplittableRandom(1));
  private final Map<String, Duration> talk = new HashMap<>();
  private final Map<String, Duration> pickUp = new HashMap<>();
  private final Map<String, Instant> queued = new HashMap<>();
  private final Map<String, String> queueOf = new HashMap<>();
  private final Map<String, String> answeredBy = new HashMap<>();
  private final Map<String, Duration> waited = new HashMap<>();
  private final Map<String, String> outcome = new HashMap<>();
  private final Set<String> ringing = new HashSet<>();
  private final Map<String, Instant> offeredAt = new HashMap<>();
  private final Map<String, Duration> rangWhenLeft = new HashMap<>();

  /**
   * @param callsPerHour Poisson arrival rate
   * @param meanTalkSeconds exponential conversations
   * @param meanPatienceSeconds exponential patience
   */
  static RecordedDayGenerator record(RoutingConfiguration config, double callsPerHour, double meanTalkSeconds,
      double meanPatienceSeconds, long seed) {
    RecordedDayGenerator g = new RecordedDayGenerator();
    g.run(config, callsPerHour, meanTalkSeconds, meanPatienceSeconds, seed);
    return g;
  }

  private void run(RoutingConfiguration config, double perHour, double meanTalk, double meanPatience, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (QueueConfig q : config.queues()) {
      engine.addQueue(q);
    }
    config.agents().forEach(engine::updateAgent);
    for (var p : config.agents()) {
      shifts.add(new AgentShift(p.id(), OPEN, CLOSE));
      at(OPEN, () -> {
        handle(engine.login(p.id()));
        handle(engine.ready(p.id()));
      });
      at(CLOSE, () -> handle(engine.notReady(p.id(), "end-of-shift")));
    }
    List<String[]> arrivals = new ArrayList<>();
    Instant t = OPEN;
    int n = 0;
    while (true) {
      t = t.plusMillis(Math.round(exp(random, 3600.0 / perHour) * 1000));
      if (!t.isBefore(CLOSE)) {
        break;
      }
      String id = String.format("c%05d", n++);
      String key = random.nextInt(3) == 0 ? "1" : "2";
      String queue = key.equals("1") ? "sales" : "support";
      Instant arrived = t;
      Instant enter = arrived.plus(IVR);
      talk.put(id, Duration.ofSeconds(Math.max(5, Math.round(exp(random, meanTalk)))));
      pickUp.put(id, Duration.ofSeconds(1 + random.nextInt(6)));
      Duration patience = Duration.ofMillis(Math.round(exp(random, meanPatience) * 1000));
      queueOf.put(id, queue);
      at(enter, () -> {
        queued.put(id, clock.instant());
        handle(engine.callArrived(CallRequest.of(id, queue)));
        at(clock.instant().plus(patience), () -> {
          if (!answeredBy.containsKey(id) && !outcome.containsKey(id)) {
            handle(engine.hangUp(id));
          }
        });
      });
      arrivals.add(new String[] {id, key, arrived.toString()});
    }
    drain();
    for (String[] a : arrivals) {
      String id = a[0];
      String agent = answeredBy.get(id);
      calls.add(new RecordedCall(id, "+4930111" + id.substring(1), "+4930555001", Instant.parse(a[2]),
          queued.get(id), queueOf.get(id), List.of(a[1]), agent != null ? pickUp.get(id) : rang(id),
          agent == null ? Duration.ZERO : talk.get(id), outcome.get(id), waited.get(id), agent));
    }
  }

  private void drain() {
    while (true) {
      Instant next = agenda.isEmpty() ? null : agenda.firstKey();
      Instant due = engine.nextDeadline().orElse(null);
      if (due != null && (next == null || !due.isAfter(next))) {
        clock.set(due.isBefore(clock.instant()) ? clock.instant() : due);
        handle(engine.tick());
        continue;
      }
      if (next == null) {
        return;
      }
      List<Runnable> now = agenda.remove(next);
      clock.set(next);
      // Actions scheduled for this same instant while running these are appended to a fresh list and run next.
      now.forEach(Runnable::run);
    }
  }

  private void handle(List<Decision> decisions) {
    for (Decision d : decisions) {
      if (d instanceof Offer o) {
        ringing.add(o.callId() + "/" + o.agentId());
        offeredAt.put(o.callId(), clock.instant());
        at(clock.instant().plus(pickUp.get(o.callId())), () -> {
          if (ringing.contains(o.callId() + "/" + o.agentId())) {
            handle(engine.answer(o.agentId(), o.callId()));
          }
        });
      } else if (d instanceof CancelOffer c) {
        ringing.remove(c.callId() + "/" + c.agentId());
        if (c.reason() == io.switchboard.routing.acd.CancelReason.CALLER_HUNG_UP) {
          rangWhenLeft.put(c.callId(), Duration.between(offeredAt.get(c.callId()), clock.instant()));
        }
      } else if (d instanceof Connect c) {
        ringing.remove(c.callId() + "/" + c.agentId());
        answeredBy.put(c.callId(), c.agentId());
        waited.put(c.callId(), c.waited());
        outcome.put(c.callId(), "answered");
        at(clock.instant().plus(talk.get(c.callId())), () -> handle(engine.hangUp(c.callId())));
      } else if (d instanceof CallFinished f && !answeredBy.containsKey(f.callId())) {
        outcome.put(f.callId(), f.outcome().name().toLowerCase(java.util.Locale.ROOT));
        waited.put(f.callId(), f.waited());
      }
    }
  }

  /** A CDR's offeredAt to endedAt for a caller who left while a desk rang. */
  private Duration rang(String id) {
    return rangWhenLeft.getOrDefault(id, Duration.ZERO);
  }

  private void at(Instant when, Runnable action) {
    agenda.computeIfAbsent(when, k -> new ArrayList<>()).add(action);
  }

  private static double exp(SplittableRandom random, double mean) {
    return -Math.log(1 - random.nextDouble()) * mean;
  }
}
