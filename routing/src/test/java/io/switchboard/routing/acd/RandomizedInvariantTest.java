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
        throw new AssertionError("sequence failed; replay with -Drouting.seed=" + seed + ": " + e.getMessage(), e);
      }
    }
    System.out.println(SEQUENCES + " sequences from seed " + base + ", coverage: " + SEEN);
    for (String kind : List.of("Offer", "CancelOffer:TIMEOUT", "CancelOffer:ANSWERED_ELSEWHERE", "Connect",
        "Overflow:QUEUE_FULL", "Overflow:MAX_WAIT", "Overflow:NO_AGENTS_LOGGED_IN", "CallFinished:ANSWERED",
        "CallFinished:ABANDONED", "CallFinished:VOICEMAIL", "CallFinished:CALLBACK", "Announce", "rejected",
        "AgentStateChanged:NOT_READY")) {
      assertThat(SEEN.getOrDefault(kind, 0)).as("sequences exercised " + kind).isGreaterThan(100);
    }
  }

  @Test
  void sameSeed_sameDecisions() {
    for (long seed = 1; seed <= 50; seed++) {
      Sequence first = new Sequence(seed);
      first.run();
      Sequence again = new Sequence(seed);
      again.run();
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
    private int nextCall;
    private String lastEvent = "";
    /** Every event and its decisions as text, for the replay test. */
    private final List<String> log = new ArrayList<>();

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
      int roll = random.nextInt(100);
      String agent = pick(agentIds);
      if (roll < 15) {
        String id = "c" + nextCall++;
        String queue = pick(queueIds);
        CallRequest r = CallRequest.of(id, queue).withPriority(random.nextInt(5) == 0 ? 5 : 0);
        if (queue.equals("english")) {
          r = r.withSkill("english", 1 + random.nextInt(5));
        }
        created.add(id);
        CallRequest request = r;
        apply("arrive " + id + " in " + queue, () -> engine.callArrived(request));
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
          clock.set(at);
          apply("tick at deadline", engine::tick);
        });
      }
    }

    /** Ends every call and lets every timer run out: afterwards every call has its outcome and nobody rings. */
    private void drain() {
      for (int guard = 0; guard < 10_000; guard++) {
        if (!engine.calls().isEmpty()) {
          String call = engine.calls().iterator().next().id();
          apply("drain: hang up " + call, () -> engine.hangUp(call));
        } else if (engine.nextDeadline().isPresent()) {
          clock.set(engine.nextDeadline().get());
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

    private void apply(String name, Event event) {
      lastEvent = name;
      String before = engine.debugState();
      List<Decision> decisions;
      try {
        decisions = event.fire();
      } catch (RoutingRejection rejected) {
        SEEN.merge("rejected", 1, Integer::sum);
        assertThat(engine.debugState()).as("rejected '" + name + "' changed the engine").isEqualTo(before);
        return;
      }
      log.add(clock.instant() + " " + name + " -> " + decisions);
      observe(decisions);
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
    }

    private void observe(List<Decision> decisions) {
      for (Decision d : decisions) {
        SEEN.merge(d.getClass().getSimpleName(), 1, Integer::sum);
        if (d instanceof CancelOffer c) {
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
      if (b == null || !skillFreeQueues.contains(b.queueId())) {
        return;
      }
      for (RoutedCall a : engine.findQueue(b.queueId()).orElseThrow().waiting()) {
        boolean earlier = a.queuedAt().isBefore(b.queuedAt())
            || a.queuedAt().equals(b.queuedAt()) && a.sequence() < b.sequence();
        if (earlier && a.request().priority() == b.request().priority() && a.ringing().isEmpty()) {
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

    private <T> T pick(List<T> list) {
      return list.get(random.nextInt(list.size()));
    }
  }
}
