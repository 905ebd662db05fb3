package io.switchboard.bench.routing;

import io.switchboard.routing.acd.Agent;
import io.switchboard.routing.acd.AgentProfile;
import io.switchboard.routing.acd.AgentState;
import io.switchboard.routing.acd.AgentStateChanged;
import io.switchboard.routing.acd.CallRequest;
import io.switchboard.routing.acd.Connect;
import io.switchboard.routing.acd.Decision;
import io.switchboard.routing.acd.Enqueued;
import io.switchboard.routing.acd.Membership;
import io.switchboard.routing.acd.Offer;
import io.switchboard.routing.acd.QueueConfig;
import io.switchboard.routing.acd.RoutedCall;
import io.switchboard.routing.acd.RoutingEngine;
import io.switchboard.routing.acd.strategy.FewestCalls;
import io.switchboard.routing.acd.strategy.LeastTalkTime;
import io.switchboard.routing.acd.strategy.LongestIdle;
import io.switchboard.routing.acd.strategy.RoundRobin;
import io.switchboard.routing.acd.strategy.Strategy;
import io.switchboard.routing.acd.strategy.WeightedRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A contact-center population and a seeded event mix for the routing engine, shared by the JMH benchmarks and
 * their smoke test.
 *
 * <p>Population: {@code agents} agents in {@code queues} queues with {@value #SKILLS} skills. Each agent serves 1 to
 * 4 random queues (membership weight 1..100) and has 4 to 7 of the skills at proficiency 1..5. Queues: 70 %
 * longest-idle, 10 % round-robin, 10 % fewest-calls / least-talk-time, 10 % weighted-random; the first tenth weighs
 * 2, the next fifth 1; three queues in four have a 30 s wrap-up (ended by {@code wrapUpDone}), one in four none.
 * Calls ask for 0 to 2 skills at level 1..3; one in ten has priority 5. Everything is drawn from one seed.
 *
 * <p>Event mix ({@link #step()}), in weights: call arrives 28, agent answers its offer 27, declines 1, hangs up 20,
 * caller abandons while waiting 2, wrap-up done 20, Not ready / Ready toggles 3 (a random agent: Not ready goes
 * Ready; Ready goes Not ready one time in four; on call or in wrap-up asks "Not ready after this call" one time in
 * ten). An event without a subject (no offer to answer, nobody in wrap-up...) falls back to ending a wrap-up, else
 * hanging up, else placing a call. Concurrent calls are capped at {@code maxCalls} (arrivals then fall back too),
 * so the population stays in a steady state with agents Ready, ringing, on calls, in wrap-up and Not ready. The simulated clock moves 100 µs per event: 10,000
 * state changes per simulated second.
 */
final class RoutingLoad {

  static final int SKILLS = 10;
  static final long NANOS_PER_EVENT = 100_000;

  final SimClock clock = new SimClock();
  final RoutingEngine engine;
  private final SplittableRandom rnd;
  private final String[] agentIds;
  private final String[] queueIds;
  private final String[] skillNames = new String[SKILLS];
  private final int maxCalls;

  private final ArrayDeque<Offer> offers = new ArrayDeque<>();
  private final ArrayList<String> connected = new ArrayList<>();
  private final ArrayDeque<String> wrapUps = new ArrayDeque<>();
  private final ArrayDeque<String> waiting = new ArrayDeque<>();
  private long callSeq;

  // Counters (cumulative; readers take differences).
  long events;
  long arrivals;
  long offersMade;
  long decisions;

  RoutingLoad(int agents, int queues, int maxCalls, long seed) {
    this.rnd = new SplittableRandom(seed);
    this.engine = new RoutingEngine(clock, new SplittableRandom(seed ^ 0x5DEECE66DL));
    this.maxCalls = maxCalls;
    for (int s = 0; s < SKILLS; s++) {
      skillNames[s] = "skill" + s;
    }
    queueIds = new String[queues];
    for (int i = 0; i < queues; i++) {
      queueIds[i] = String.format("q%03d", i);
      Strategy strategy = switch (i % 10) {
        case 7 -> new RoundRobin();
        case 8 -> (i % 20 == 8) ? new FewestCalls() : new LeastTalkTime();
        case 9 -> new WeightedRandom();
        default -> new LongestIdle();
      };
      int weight = i < queues / 10 ? 2 : i < queues * 3 / 10 ? 1 : 0;
      Duration wrapUp = i % 4 == 0 ? Duration.ZERO : Duration.ofSeconds(30);
      engine.addQueue(QueueConfig.of(queueIds[i]).withStrategy(strategy).withWeight(weight).withWrapUp(wrapUp));
    }
    agentIds = new String[agents];
    for (int a = 0; a < agents; a++) {
      agentIds[a] = String.format("a%05d", a);
      List<Membership> memberships = new ArrayList<>();
      int n = 1 + rnd.nextInt(4);
      while (memberships.size() < n) {
        String q = queueIds[rnd.nextInt(queues)];
        if (memberships.stream().noneMatch(m -> m.queueId().equals(q))) {
          memberships.add(new Membership(q, 1 + rnd.nextInt(100)));
        }
      }
      Map<String, Integer> skills = new LinkedHashMap<>();
      int k = 4 + rnd.nextInt(4);
      while (skills.size() < k) {
        skills.put(skillNames[rnd.nextInt(SKILLS)], 1 + rnd.nextInt(5));
      }
      engine.addAgent(new AgentProfile(agentIds[a], skills, memberships));
    }
    for (String id : agentIds) {
      engine.login(id);
    }
    for (String id : agentIds) {
      engine.ready(id);
    }
    // Fill to 90 % of the cap quickly (calls arrive and are answered), then let the mix settle.
    while (activeCalls() < maxCalls * 9 / 10) {
      arrive(nextRequest());
      Optional<List<Decision>> a;
      do {
        a = answer();
      } while (a.isPresent() && offers.size() > 0);
    }
  }

  /** One event of the mix; returns the number of decisions it produced. */
  int step() {
    int r = rnd.nextInt(100);
    List<Decision> out;
    if (r < 28) {
      out = belowCap() ? arrive(nextRequest()) : or(Optional.empty());
    } else {
      out = or(other(r));
    }
    return out.size();
  }

  /** Everything in the mix but arrivals (for the latency benchmark, which places the calls itself). */
  void stepWithoutArrival() {
    Optional<List<Decision>> out = other(28 + rnd.nextInt(72));
    if (out.isEmpty()) {
      fallback();
    }
  }

  /** Weights out of 100 (arrivals are 0..27): answer 27, decline 1, hang up 20, abandon 2, wrap-up done 20, toggle 3. */
  private Optional<List<Decision>> other(int r) {
    if (r < 55) {
      return answer();
    } else if (r < 56) {
      return decline();
    } else if (r < 76) {
      return hangUp();
    } else if (r < 78) {
      return abandon();
    } else if (r < 98) {
      return wrapUpDone();
    }
    return toggle();
  }

  /** Calls routed now: ringing, waiting or connected (connected ones in wrap-up are not counted). */
  int activeCalls() {
    return engine.calls().size();
  }

  boolean belowCap() {
    return activeCalls() < maxCalls;
  }

  /** A new call request to a random queue (not yet sent). */
  CallRequest nextRequest() {
    Map<String, Integer> skills = new LinkedHashMap<>();
    int n = rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      skills.put(skillNames[rnd.nextInt(SKILLS)], 1 + rnd.nextInt(3));
    }
    int priority = rnd.nextInt(10) == 0 ? 5 : 0;
    return new CallRequest("c" + (callSeq++), queueIds[rnd.nextInt(queueIds.length)], priority, skills);
  }

  /** Sends a call; the decisions are recorded. */
  List<Decision> arrive(CallRequest request) {
    arrivals++;
    return record(engine.callArrived(request));
  }

  /** When the chosen event has no subject right now: end a wrap-up, else hang up a call, else place a call. */
  private List<Decision> or(Optional<List<Decision>> out) {
    return out.isPresent() ? out.get() : fallback();
  }

  private List<Decision> fallback() {
    Optional<List<Decision>> w = wrapUpDone();
    if (w.isPresent()) {
      return w.get();
    }
    Optional<List<Decision>> h = hangUp();
    return h.isPresent() ? h.get() : arrive(nextRequest());
  }

  private Optional<List<Decision>> answer() {
    Offer o = liveOffer();
    return o == null ? Optional.empty() : Optional.of(record(engine.answer(o.agentId(), o.callId())));
  }

  private Optional<List<Decision>> decline() {
    Offer o = liveOffer();
    return o == null ? Optional.empty() : Optional.of(record(engine.decline(o.agentId(), o.callId())));
  }

  private Offer liveOffer() {
    Offer o;
    while ((o = offers.poll()) != null) {
      Agent a = engine.findAgent(o.agentId()).orElseThrow();
      if (a.state() == AgentState.RINGING && o.callId().equals(a.offeredCall())) {
        return o;
      }
    }
    return null;
  }

  private Optional<List<Decision>> hangUp() {
    if (connected.isEmpty()) {
      return Optional.empty();
    }
    int i = rnd.nextInt(connected.size());
    String call = connected.get(i);
    connected.set(i, connected.get(connected.size() - 1));
    connected.remove(connected.size() - 1);
    return Optional.of(record(engine.hangUp(call)));
  }

  private Optional<List<Decision>> abandon() {
    String id;
    while ((id = waiting.poll()) != null) {
      Optional<RoutedCall> c = engine.findCall(id);
      if (c.isPresent() && !c.get().connected()) {
        return Optional.of(record(engine.hangUp(id)));
      }
    }
    return Optional.empty();
  }

  private Optional<List<Decision>> wrapUpDone() {
    String id;
    while ((id = wrapUps.poll()) != null) {
      if (engine.findAgent(id).orElseThrow().state() == AgentState.WRAP_UP) {
        return Optional.of(record(engine.wrapUpDone(id)));
      }
    }
    return Optional.empty();
  }

  private Optional<List<Decision>> toggle() {
    String id = agentIds[rnd.nextInt(agentIds.length)];
    AgentState s = engine.findAgent(id).orElseThrow().state();
    return switch (s) {
      case NOT_READY -> Optional.of(record(engine.ready(id)));
      case READY -> rnd.nextInt(4) == 0
          ? Optional.of(record(engine.notReady(id, rnd.nextBoolean() ? "break" : "lunch"))) : Optional.empty();
      case ON_CALL, WRAP_UP -> rnd.nextInt(10) == 0
          ? Optional.of(record(engine.notReady(id, "meeting"))) : Optional.empty();
      default -> Optional.empty(); // Ringing: let it answer
    };
  }

  /** Tracks what the decisions ask the outside world to do next; advances the clock one event. */
  private List<Decision> record(List<Decision> out) {
    events++;
    decisions += out.size();
    clock.advanceNanos(NANOS_PER_EVENT);
    String enqueued = null;
    boolean offeredEnqueued = false;
    for (int i = 0; i < out.size(); i++) {
      Decision d = out.get(i);
      if (d instanceof Offer o) {
        offers.add(o);
        offersMade++;
        if (o.callId().equals(enqueued)) {
          offeredEnqueued = true;
        }
      } else if (d instanceof Connect c) {
        connected.add(c.callId());
      } else if (d instanceof Enqueued e) {
        enqueued = e.callId();
      } else if (d instanceof AgentStateChanged s && s.to() == AgentState.WRAP_UP) {
        wrapUps.add(s.agentId());
      }
    }
    if (enqueued != null && !offeredEnqueued) {
      waiting.add(enqueued);
    }
    return out;
  }

  /** Agents by state, for the reports. */
  Map<AgentState, Integer> agentStates() {
    Map<AgentState, Integer> m = new java.util.EnumMap<>(AgentState.class);
    for (Agent a : engine.agents()) {
      m.merge(a.state(), 1, Integer::sum);
    }
    return m;
  }

  long waitingCalls() {
    return engine.calls().stream().filter(c -> !c.connected() && c.ringing().isEmpty()).count();
  }

  String describe() {
    return "agents " + agentStates() + ", calls " + activeCalls() + " (waiting unoffered " + waitingCalls()
        + "), events " + events + ", arrivals " + arrivals + ", offers " + offersMade + ", decisions " + decisions
        + ", simulated " + clock.elapsedNanos() / 1_000_000_000.0 + " s";
  }
}
