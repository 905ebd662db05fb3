package io.switchboard.routing.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.acd.strategy.Strategies;
import io.switchboard.routing.acd.strategy.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random event sequences (seeded; the seed is printed on failure) against a world with every feature
 * switched on: ring-all, skills with widening, VIPs with aging, max length, max wait, overflow chains, no-agent
 * policies, wrap-up, ring-no-answer. After every event: the engine's {@link InvariantCheck} is clean, and an
 * independent model built only from the decisions confirms that
 *
 * <ul>
 *   <li>no agent is ever offered a second call while an offer is outstanding;</li>
 *   <li>no agent is left reserved: every Ringing agent has a live offer, and after the drain nobody rings;</li>
 *   <li>within one queue and one base priority, a call is never offered while an earlier one waits unoffered;</li>
 *   <li>every call gets exactly one outcome, and nothing is decided about a call after it;</li>
 *   <li>a rejected event leaves the engine exactly as it was.</li>
 * </ul>
 */
class RandomizedInvariantTest {

  private static final int SEQUENCES = 2_000;
  private static final int STEPS = 150;
  /** How often each decision kind and each rejection occurred over all sequences: proof the run covered them. */
  private static final Map<String, Integer> SEEN = new java.util.TreeMap<>();

  @Test
  void randomEventSequences_keepEveryInvariant() {
    long base = Long.getLong("routing.seed", 20260105L);
    for (int i = 0; i < SEQUENCES; i++) {
      long seed = base + i;
      try {
        new Sequence(seed).run();
      } catch (AssertionError | RuntimeException e) {
        if (Boolean.getBoolean("routing.debug")) {
          printReplay(seed);
        }
        throw new AssertionError("sequence failed; replay with -Drouting.seed=" + seed + ": " + e.getMessage(), e);
      }
    }
    System.out.println(SEQUENCES + " sequences from seed " + base + ", coverage: " + SEEN);
    for (String kind : List.of("Offer", "CancelOffer:TIMEOUT", "CancelOffer:ANSWERED_ELSEWHERE", "Connect",
        "Overflow:QUEUE_FULL", "Overflow:MAX_WAIT", "Overflow:NO_AGENTS_LOGGED_IN", "CallFinished:ANSWERED",
        "CallFinished:ABANDONED", "CallFinished:VOICEMAIL", "CallFinished:CALLBACK", "Announce", "rejected",
        "AgentStateChanged:NOT_READY", "CancelOffer:STOPPED", "direct:Offer", "direct:Connect",
        "direct:forgotten", "direct:then queued", "updated queue", "updated agent", "removed agent")) {
      assertThat(SEEN.getOrDefault(kind, 0)).as("sequences exercised " + kind).isGreaterThan(100);
    }
  }

  /** With {@code -Drouting.debug=true}: the failing sequence's events and decisions, and the engine at the end. */
  private static void printReplay(long seed) {
    Sequence again = new Sequence(seed);
    try {
      again.run();
    } catch (AssertionError | RuntimeException expected) {
      // the same failure; the log up to it is what we want
    }
    again.log.forEach(System.out::println);
    System.out.println(again.engine.debugState());
  }

  @Test
  void sameSeed_sameDecisions() {
    for (long seed = 1; seed <= 50; seed++) {
      Sequence first = new Sequence(seed);
      first.run();
      Sequence again = new Sequence(seed);
      again.renderLater = true;
      again.run();
      again.renderLog();
      assertThat(again.log).as("replay of seed " + seed).isEqualTo(first.log).isNotEmpty();
    }
  }

  /** One random world and one random run through it. */
  private static final class Sequence {

    private final Random random;
    private final ManualClock clock = new ManualClock();
    private final RoutingEngine engine;
    private final List<String> agentIds = new ArrayList<>();
    private final List<String> queueIds = new ArrayList<>();
    private final Set<String> skillFreeQueues = new HashSet<>();
    private final Map<String, String> outstandingOffer = new HashMap<>(); // agent -> call
    private final Map<String, Integer> outcomes = new LinkedHashMap<>();
    private final Set<String> created = new HashSet<>();
    /** Direct (cascade) calls the engine holds, and those it forgot without an outcome (stopped or expired). */
    private final Set<String> directLive = new HashSet<>();
    private final List<String> directStopped = new ArrayList<>();
    private final Map<String, QueueConfig> configs = new LinkedHashMap<>();
    private int nextCall;
    private String lastEvent = "";
    /** Every event and its decisions as text, for the replay test. */
    private final List<String> log = new ArrayList<>();
    /**
     * Render the decisions (with the offers' explanations) only after the whole run: they must read exactly as when
     * rendered at once, although every agent they describe has moved on since.
     */
    private boolean renderLater;
    private final List<Object[]> unrendered = new ArrayList<>();

    Sequence(long seed) {
      random = new Random(seed);
      engine = new RoutingEngine(clock, new Random(seed ^ 0x5DEECE66DL));
      buildWorld();
    }

    private void buildWorld() {
      List<Strategy> strategies = Strategies.all();
      engine.addQueue(QueueConfig.of("backup").withStrategy(pick(strategies)));
      engine.addQueue(QueueConfig.of("general").withStrategy(pick(strategies))
          .withWrapUp(Duration.ofSeconds(random.nextInt(3) * 5))
          .withMaxLength(1 + random.nextInt(4), OverflowTarget.toQueue("backup"))
          .withMaxWait(Duration.ofSeconds(60 + random.nextInt(120)), OverflowTarget.voicemail())
          .withAging(new PriorityAging(Duration.ofSeconds(30), 5))
          .withAnnounceEvery(Duration.ofSeconds(20)));
      engine.addQueue(QueueConfig.of("vip").withStrategy(new io.switchboard.routing.acd.strategy.RingAll()).withWeight(5)
          .withRingNoAnswer(Duration.ofSeconds(10), 2).withWhenNoAgents(OverflowTarget.toQueue("general")));
      engine.addQueue(QueueConfig.of("english").withStrategy(pick(strategies))
          .withWrapUp(Duration.ofSeconds(10))
          .withWhenNoAgents(OverflowTarget.callback())
          .withWidening(SkillWidening.of(new WideningStep(Duration.ofSeconds(20), 2, false),
              new WideningStep(Duration.ofSeconds(45), 0, true))));
      queueIds.addAll(List.of("backup", "general", "vip", "english"));
      engine.queues().forEach(q -> configs.put(q.id(), q.config()));
      skillFreeQueues.addAll(List.of("backup", "general", "vip"));
      int agents = 2 + random.nextInt(6);
      for (int i = 0; i < agents; i++) {
        List<Membership> ms = new ArrayList<>();
        for (String q : queueIds) {
          if (random.nextInt(2) == 0 || (q.equals("general") && ms.isEmpty())) {
            ms.add(new Membership(q, 1 + random.nextInt(5)));
          }
        }
        Map<String, Integer> skills = random.nextBoolean() ? Map.of("english", 1 + random.nextInt(5)) : Map.of();
        AgentProfile p = new AgentProfile("a" + i, skills, ms);
        engine.addAgent(p);
        agentIds.add(p.id());
      }
    }

    void run() {
      for (int step = 0; step < STEPS; step++) {
        randomEvent();
      }
      drain();
    }

    private void randomEvent() {
      int roll = random.nextInt(116);
      String agent = pick(agentIds);
      if (roll >= 100) {
        directOrReconfiguration(roll - 100);
      } else if (roll < 15) {
        String id = "c" + nextCall++;
        String queue = pick(queueIds);
        CallRequest r = CallRequest.of(id, queue).withPriority(random.nextInt(5) == 0 ? 5 : 0);
        if (queue.equals("english")) {
          r = r.withSkill("english", 1 + random.nextInt(5));
        }
        CallRequest request = r;
        if (apply("arrive " + id + " in " + queue, () -> engine.callArrived(request))) {
          created.add(id); // refused when the queue was removed live
        }
      } else if (roll < 40) {
        List<Agent> ringing = engine.agents().stream().filter(a -> a.state() == AgentState.RINGING).toList();
        if (!ringing.isEmpty()) {
          Agent a = pick(ringing);
          String call = a.offeredCall();
          if (random.nextInt(6) == 0) {
            apply("decline " + a.id() + " " + call, () -> engine.decline(a.id(), call));
          } else {
            apply("answer " + a.id() + " " + call, () -> engine.answer(a.id(), call));
          }
        }
      } else if (roll < 50) {
        List<RoutedCall> live = new ArrayList<>(engine.calls());
        String call = live.isEmpty() || random.nextInt(10) == 0 ? "c" + random.nextInt(nextCall + 1)
            : pick(live).id();
        apply("hang up " + call, () -> engine.hangUp(call));
      } else if (roll < 58) {
        apply("login " + agent, () -> engine.login(agent));
      } else if (roll < 73) {
        apply("ready " + agent, () -> engine.ready(agent));
      } else if (roll < 77) {
        apply("not ready " + agent, () -> engine.notReady(agent, random.nextBoolean() ? "lunch" : "training"));
      } else if (roll < 79) {
        apply("logout " + agent, () -> engine.logout(agent));
      } else if (roll < 83) {
        apply("wrap-up done " + agent, () -> engine.wrapUpDone(agent));
      } else if (roll < 93) {
        clock.advance(Duration.ofMillis(random.nextInt(30_000)));
        apply("tick", engine::tick);
      } else {
        engine.nextDeadline().ifPresent(at -> {
          clock.set(later(at)); // a rule made stricter live (max wait) can be due already
          apply("tick at deadline", engine::tick);
        });
      }
    }

    /** The cascade's direct rings and live reconfiguration, mixed into the ordinary events. */
    private void directOrReconfiguration(int roll) {
      if (roll < 4) {
        boolean again = !directLive.isEmpty() && random.nextInt(3) == 0;
        String id = again ? pick(directLive.stream().sorted().toList()) : "c" + nextCall++;
        String queue = again ? engine.findCall(id).map(RoutedCall::queueId).orElse("general") : pick(queueIds);
        List<String> agents = new ArrayList<>();
        List<String> ready = engine.agents().stream().filter(a -> a.state() == AgentState.READY).map(Agent::id)
            .toList();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          // The cascade rings agents it saw Ready; sometimes they are not any more.
          String a = ready.isEmpty() || random.nextInt(3) == 0 ? pick(agentIds) : pick(ready);
          if (!agents.contains(a)) {
            agents.add(a);
          }
        }
        Duration safety = Duration.ofSeconds(5 + random.nextInt(40));
        if (apply("ring directly " + id + " for " + queue + " " + agents,
            () -> engine.ringDirect(id, queue, agents, safety)) && !again) {
          created.add(id);
          directLive.add(id);
        }
      } else if (roll < 8) {
        List<String> ringing = directLive.stream().sorted()
            .filter(c -> engine.findCall(c).map(x -> !x.ringing().isEmpty()).orElse(false)).toList();
        String id = !ringing.isEmpty() && random.nextInt(5) != 0 ? pick(ringing)
            : !directLive.isEmpty() && random.nextBoolean() ? pick(directLive.stream().sorted().toList())
            : "c" + random.nextInt(nextCall + 1);
        apply("stop direct " + id, () -> engine.stopDirect(id));
      } else if (roll < 10) {
        if (!directStopped.isEmpty()) {
          // The cascade ended in the queue: the same call id arrives as an ordinary call.
          String id = directStopped.remove(random.nextInt(directStopped.size()));
          String queue = pick(queueIds);
          CallRequest request = queue.equals("english")
              ? CallRequest.of(id, queue).withSkill("english", 1 + random.nextInt(2)) : CallRequest.of(id, queue);
          if (apply("arrive after the cascade " + id + " in " + queue, () -> engine.callArrived(request))) {
            created.add(id);
            SEEN.merge("direct:then queued", 1, Integer::sum);
          }
        }
      } else if (roll < 12) {
        String queue = pick(queueIds);
        QueueConfig before = configs.get(queue);
        QueueConfig next = switch (random.nextInt(7)) {
          case 0 -> before.withStrategy(pick(Strategies.all()));
          case 1 -> before.withWrapUp(Duration.ofSeconds(random.nextInt(3) * 5));
          case 2 -> before.withMaxLength(random.nextInt(4), before.whenFull());
          case 3 -> before.withMaxWait(Duration.ofSeconds(random.nextInt(3) * 40), before.whenMaxWait());
          case 4 -> before.withAnnounceEvery(Duration.ofSeconds(random.nextInt(3) * 15));
          case 5 -> before.withWhenNoAgents(random.nextBoolean() ? null : OverflowTarget.voicemail());
          default -> before.withMaxLength(1, OverflowTarget.toQueue(pick(queueIds.stream()
              .filter(q -> !q.equals(queue)).toList()))); // may close a loop: then refused
        };
        if (apply("update queue " + queue, () -> engine.updateQueue(next))) {
          configs.put(queue, next);
          SEEN.merge("updated queue", 1, Integer::sum);
        }
      } else if (roll < 14) {
        List<Membership> ms = new ArrayList<>();
        for (String q : queueIds) {
          if (random.nextInt(3) == 0) {
            ms.add(new Membership(q, 1 + random.nextInt(5)));
          }
        }
        Map<String, Integer> skills = random.nextBoolean() ? Map.of("english", 1 + random.nextInt(5)) : Map.of();
        AgentProfile p = new AgentProfile(pick(agentIds), skills, ms);
        if (apply("update agent " + p, () -> engine.updateAgent(p))) {
          SEEN.merge("updated agent", 1, Integer::sum);
        }
      } else if (roll < 15) {
        String agent = pick(agentIds);
        if (apply("remove agent " + agent, () -> {
          engine.removeAgent(agent);
          return List.of();
        })) {
          SEEN.merge("removed agent", 1, Integer::sum);
        }
      } else {
        String queue = pick(queueIds);
        if (apply("remove queue " + queue, () -> {
          engine.removeQueue(queue);
          return List.of();
        })) {
          SEEN.merge("removed queue", 1, Integer::sum);
        }
      }
    }

    /** Ends every call and lets every timer run out: afterwards every call has its outcome and nobody rings. */
    private void drain() {
      for (int guard = 0; guard < 10_000; guard++) {
        if (!engine.calls().isEmpty()) {
          String call = engine.calls().iterator().next().id();
          apply("drain: hang up " + call, () -> engine.hangUp(call));
        } else if (engine.nextDeadline().isPresent()) {
          clock.set(later(engine.nextDeadline().get()));
          apply("drain: tick", engine::tick);
        } else {
          break;
        }
      }
      assertThat(engine.calls()).as("calls left after drain").isEmpty();
      assertThat(engine.agents()).extracting(Agent::state).as("reserved after drain")
          .doesNotContain(AgentState.RINGING, AgentState.ON_CALL, AgentState.WRAP_UP);
      assertThat(outstandingOffer).as("offers outstanding after drain").isEmpty();
      for (String id : created) {
        assertThat(outcomes.getOrDefault(id, 0)).as("outcomes of " + id).isEqualTo(1);
      }
    }

    private interface Event {
      List<Decision> fire();
    }

    /** Fires the event and checks everything; false when the engine rejected it. */
    private boolean apply(String name, Event event) {
      lastEvent = name;
      String before = engine.debugState();
      List<Decision> decisions;
      try {
        decisions = event.fire();
      } catch (RoutingRejection rejected) {
        SEEN.merge("rejected", 1, Integer::sum);
        assertThat(engine.debugState()).as("rejected '" + name + "' changed the engine").isEqualTo(before);
        return false;
      }
      if (renderLater) {
        unrendered.add(new Object[] {clock.instant() + " " + name + " -> ", decisions});
      } else {
        log.add(clock.instant() + " " + name + " -> " + decisions);
      }
      observe(decisions);
      for (String id : List.copyOf(directLive)) {
        RoutedCall call = engine.findCall(id).orElse(null);
        if (call == null && !outcomes.containsKey(id)) {
          // Forgotten without an outcome: only a stop or the safety deadline may do that.
          assertThat(name).as("direct call " + id + " forgotten by").matches("(stop direct|tick|drain: tick).*");
          created.remove(id);
          directStopped.add(id);
          SEEN.merge("direct:forgotten", 1, Integer::sum);
        }
        if (call == null || call.connected()) {
          directLive.remove(id);
        }
      }
      List<Violation> violations = InvariantCheck.check(engine);
      assertThat(violations).as(() -> "after '" + lastEvent + "':\n" + engine.debugState()).isEmpty();
      for (Agent a : engine.agents()) {
        boolean ringing = a.state() == AgentState.RINGING;
        assertThat(outstandingOffer.containsKey(a.id())).as("model vs engine ringing of " + a.id() + " after "
            + lastEvent).isEqualTo(ringing);
        if (ringing) {
          assertThat(outstandingOffer.get(a.id())).isEqualTo(a.offeredCall());
        }
      }
      return true;
    }

    private void observe(List<Decision> decisions) {
      for (Decision d : decisions) {
        SEEN.merge(d.getClass().getSimpleName(), 1, Integer::sum);
        if (d instanceof Offer o && o.explanation().strategy().equals("direct")) {
          SEEN.merge("direct:Offer", 1, Integer::sum);
        } else if (d instanceof Connect c && engine.findCall(c.callId()).map(RoutedCall::direct).orElse(false)) {
          SEEN.merge("direct:Connect", 1, Integer::sum);
        } else if (d instanceof CancelOffer c) {
          SEEN.merge("CancelOffer:" + c.reason(), 1, Integer::sum);
        } else if (d instanceof Overflow o) {
          SEEN.merge("Overflow:" + o.reason(), 1, Integer::sum);
        } else if (d instanceof CallFinished f) {
          SEEN.merge("CallFinished:" + f.outcome(), 1, Integer::sum);
        } else if (d instanceof AgentStateChanged c) {
          SEEN.merge("AgentStateChanged:" + c.to(), 1, Integer::sum);
        }
        String call = callOf(d);
        if (call != null && outcomes.containsKey(call)) {
          throw new AssertionError("decision after the outcome of " + call + ": " + d + " in " + lastEvent);
        }
        if (d instanceof Offer o) {
          String previous = outstandingOffer.put(o.agentId(), o.callId());
          assertThat(previous).as(o.agentId() + " offered " + o.callId() + " while still offered " + previous).isNull();
          checkFifo(o);
        } else if (d instanceof CancelOffer c) {
          assertThat(outstandingOffer.remove(c.agentId())).as("cancel of an offer never made: " + c)
              .isEqualTo(c.callId());
        } else if (d instanceof Connect c) {
          assertThat(outstandingOffer.remove(c.agentId())).as("connect without offer: " + c).isEqualTo(c.callId());
        } else if (d instanceof CallFinished f) {
          outcomes.merge(f.callId(), 1, Integer::sum);
        }
      }
    }

    /** Within one skill-free queue and base priority, nobody earlier may wait unoffered while a later call rings. */
    private void checkFifo(Offer offer) {
      RoutedCall b = engine.findCall(offer.callId()).orElse(null);
      if (b == null || b.direct() || !skillFreeQueues.contains(b.queueId())) {
        return;
      }
      for (RoutedCall a : engine.findQueue(b.queueId()).orElseThrow().waiting()) {
        boolean earlier = a.queuedAt().isBefore(b.queuedAt())
            || a.queuedAt().equals(b.queuedAt()) && a.sequence() < b.sequence();
        // A call that overflowed in from "english" keeps its skill requirement: it may wait for a skilled agent.
        if (earlier && a.request().priority() == b.request().priority() && a.ringing().isEmpty()
            && a.request().skills().isEmpty()) {
          throw new AssertionError("FIFO: " + b.id() + " offered to " + offer.agentId() + " while earlier "
              + a.id() + " waits unoffered in " + b.queueId() + " (" + lastEvent + ")");
        }
      }
    }

    private static String callOf(Decision d) {
      if (d instanceof Enqueued e) {
        return e.callId();
      } else if (d instanceof Offer o) {
        return o.callId();
      } else if (d instanceof CancelOffer c) {
        return c.callId();
      } else if (d instanceof Connect c) {
        return c.callId();
      } else if (d instanceof Announce a) {
        return a.callId();
      } else if (d instanceof Overflow o) {
        return o.callId();
      }
      return null; // CallFinished is checked by counting; AgentStateChanged is about an agent
    }

    void renderLog() {
      unrendered.forEach(e -> log.add(e[0] + String.valueOf(e[1])));
      unrendered.clear();
    }

    private java.time.Instant later(java.time.Instant at) {
      return at.isBefore(clock.instant()) ? clock.instant() : at;
    }

    private <T> T pick(List<T> list) {
      return list.get(random.nextInt(list.size()));
    }
  }
}
