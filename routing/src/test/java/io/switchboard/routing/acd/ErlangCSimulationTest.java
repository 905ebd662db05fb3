package io.switchboard.routing.acd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine as an M/M/c queue: Poisson arrivals, exponential handle times, c agents, longest-idle, agents answer at
 * once, no wrap-up. A discrete-event loop (test code) drives the engine on a manual clock. Queueing theory says the
 * mean wait is Erlang C: Wq = C(c, a) / (cμ − λ). The measured mean must be within {@value #TOLERANCE} of it.
 *
 * <p>Run length: with c = 5 and a = 4 erlangs (ρ = 0.8) waits are strongly correlated, so the test reports the
 * standard error from batch means; 200 000 measured calls after 10 000 warm-up calls give a standard error of about
 * 3.4 % of Wq (printed), so the 10 % tolerance is about three standard errors wide, while a real routing bug (a call
 * skipped, an agent left idle while callers wait, a wrong order) moves the mean far more than that.
 *
 * <p>It also reports how far the announced estimated wait (on entering the queue) was from the actual wait, and
 * checks the estimate is not biased by more than {@value #EWT_BIAS_TOLERANCE} on average (one caller's error is
 * large by nature: the wait behind k callers is Erlang-distributed, its standard deviation is mean/√k).
 */
class ErlangCSimulationTest {

  private static final double TOLERANCE = 0.10;
  private static final double EWT_BIAS_TOLERANCE = 0.15;
  private static final int AGENTS = 5;
  private static final double OFFERED_LOAD = 4.0; // erlangs = λ / μ
  private static final double MEAN_HANDLE_SECONDS = 180;
  private static final int WARM_UP = 10_000;
  private static final int MEASURED = 200_000;
  private static final int BATCHES = 20;

  /** Erlang C: the probability an arriving call has to wait, for c servers and a erlangs. */
  static double erlangC(int c, double a) {
    double term = 1;
    double sum = 1; // k = 0
    for (int k = 1; k < c; k++) {
      term *= a / k;
      sum += term;
    }
    double top = term * a / c * c / (c - a); // a^c / c! × c / (c − a)
    return top / (sum + top);
  }

  @Test
  void erlangC_formula_matchesTheTextbookValue() {
    // c = 5, a = 4: C = 0.5541 (standard tables).
    assertThat(erlangC(5, 4)).isCloseTo(0.5541, org.assertj.core.data.Offset.offset(0.0005));
    assertThat(erlangC(1, 0.5)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12)); // M/M/1: C = ρ
  }

  private record Event(long atMillis, long order, boolean arrival, String callId) {
  }

  @Test
  void meanWait_matchesErlangC_longestIdle() {
    double mu = 1 / MEAN_HANDLE_SECONDS;
    double lambda = OFFERED_LOAD * mu;
    double expectedWq = erlangC(AGENTS, OFFERED_LOAD) / (AGENTS * mu - lambda);

    ManualClock clock = new ManualClock(Instant.EPOCH);
    RoutingEngine engine = new RoutingEngine(clock, new SplittableRandom(3));
    engine.addQueue(QueueConfig.of("q").withDefaultHandleTime(Duration.ofSeconds((long) MEAN_HANDLE_SECONDS)));
    for (int i = 0; i < AGENTS; i++) {
      engine.addAgent(AgentProfile.of("agent" + i, "q"));
      engine.login("agent" + i);
      engine.ready("agent" + i);
    }

    Random random = new Random(42);
    PriorityQueue<Event> events = new PriorityQueue<>(
        (x, y) -> x.atMillis() != y.atMillis() ? Long.compare(x.atMillis(), y.atMillis())
            : Long.compare(x.order(), y.order()));
    long[] order = {0};
    int total = WARM_UP + MEASURED;
    events.add(new Event(exp(random, lambda), order[0]++, true, "c0"));
    int arrived = 0;
    Map<String, Integer> indexOf = new HashMap<>();
    Map<String, Double> announced = new HashMap<>();
    double[] batchSum = new double[BATCHES];
    int[] batchCount = new int[BATCHES];
    double waitSum = 0;
    int waitCount = 0;
    double ewtErrorSum = 0;
    double ewtAbsErrorSum = 0;
    double ewtAnnouncedSum = 0;
    double ewtActualSum = 0;
    int ewtCount = 0;
    long started = System.nanoTime();

    while (!events.isEmpty()) {
      Event e = events.poll();
      clock.set(Instant.ofEpochMilli(e.atMillis()));
      List<Decision> decisions;
      if (e.arrival()) {
        indexOf.put(e.callId(), arrived);
        arrived++;
        if (arrived < total) {
          events.add(new Event(e.atMillis() + exp(random, lambda), order[0]++, true, "c" + arrived));
        }
        decisions = engine.callArrived(CallRequest.of(e.callId(), "q"));
      } else {
        decisions = engine.hangUp(e.callId());
      }
      // Agents answer at once: each offer is answered in the same instant, which may produce more decisions.
      for (int i = 0; i < decisions.size(); i++) {
        Decision d = decisions.get(i);
        if (d instanceof Offer o) {
          List<Decision> more = engine.answer(o.agentId(), o.callId());
          decisions = concat(decisions, more);
        } else if (d instanceof Announce a && a.estimatedWait().isPresent() && !announced.containsKey(a.callId())) {
          announced.put(a.callId(), a.estimatedWait().get().toMillis() / 1000.0);
        } else if (d instanceof Connect c) {
          events.add(new Event(e.atMillis() + exp(random, mu), order[0]++, false, c.callId()));
          int index = indexOf.remove(c.callId());
          double waited = c.waited().toMillis() / 1000.0;
          Double ewt = announced.remove(c.callId());
          if (index >= WARM_UP) {
            waitSum += waited;
            waitCount++;
            int batch = (index - WARM_UP) * BATCHES / MEASURED;
            batchSum[batch] += waited;
            batchCount[batch]++;
            if (ewt != null) {
              ewtErrorSum += ewt - waited;
              ewtAbsErrorSum += Math.abs(ewt - waited);
              ewtAnnouncedSum += ewt;
              ewtActualSum += waited;
              ewtCount++;
            }
          }
        }
      }
      if (e.order() % 50_000 == 0) {
        assertThat(InvariantCheck.check(engine)).isEmpty();
      }
    }

    double measuredWq = waitSum / waitCount;
    double[] means = new double[BATCHES];
    double grand = 0;
    for (int b = 0; b < BATCHES; b++) {
      means[b] = batchSum[b] / batchCount[b];
      grand += means[b] / BATCHES;
    }
    double var = 0;
    for (double m : means) {
      var += (m - grand) * (m - grand) / (BATCHES - 1);
    }
    double standardError = Math.sqrt(var / BATCHES);
    double relativeError = (measuredWq - expectedWq) / expectedWq;
    System.out.printf(Locale.ROOT, "M/M/%d, a = %.1f erlangs, AHT %.0f s, %d calls measured after %d warm-up "
            + "(%.1f s wall)%n", AGENTS, OFFERED_LOAD, MEAN_HANDLE_SECONDS, waitCount, WARM_UP,
        (System.nanoTime() - started) / 1e9);
    System.out.printf(Locale.ROOT, "mean wait: measured %.2f s, Erlang C %.2f s, error %+.1f %% "
            + "(batch-means standard error %.2f s = %.1f %%), tolerance %.0f %%%n",
        measuredWq, expectedWq, 100 * relativeError, standardError, 100 * standardError / expectedWq,
        100 * TOLERANCE);
    System.out.printf(Locale.ROOT, "announced EWT vs actual wait over %d queued calls: mean announced %.1f s, "
            + "mean actual %.1f s, mean error (announced - actual) %+.1f s, mean absolute error %.1f s%n",
        ewtCount, ewtAnnouncedSum / ewtCount, ewtActualSum / ewtCount, ewtErrorSum / ewtCount,
        ewtAbsErrorSum / ewtCount);

    assertThat(waitCount).isEqualTo(MEASURED);
    assertThat(Math.abs(relativeError)).as("relative error of the mean wait vs Erlang C").isLessThan(TOLERANCE);
    assertThat(Math.abs(ewtErrorSum / ewtActualSum)).as("bias of the announced EWT").isLessThan(EWT_BIAS_TOLERANCE);
  }

  private static long exp(Random random, double rate) {
    return Math.round(-Math.log(1 - random.nextDouble()) / rate * 1000);
  }

  private static List<Decision> concat(List<Decision> a, List<Decision> b) {
    if (b.isEmpty()) {
      return a;
    }
    List<Decision> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
