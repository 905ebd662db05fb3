package io.switchboard.server.live;

import io.switchboard.routing.config.QueueTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One queue's figures: the calls waiting now, and today's counters the rates are made of. Mutable; only
 * {@link LiveStats} touches it, under its lock.
 */
final class QueueTally {
  final String id;
  String name;
  QueueTargets targets = QueueTargets.DEFAULT;
  /** Calls waiting in this queue now, by call id: since when they wait (their arrival in routing). */
  final Map<String, Instant> waiting = new LinkedHashMap<>();
  final Counters today = new Counters();

  QueueTally(String id) {
    this.id = id;
    this.name = id;
  }

  /** The counters of one day; sums of several queues give the totals. */
  static final class Counters {
    long answered;
    /** Answered after waiting at most the queue's service-level threshold. */
    long answeredWithin;
    long abandoned;
    /** Abandoned after waiting longer than the threshold: these count against the service level. */
    long abandonedAfter;
    long callbacks;
    long waitedMillis;
    long handled;
    long handleMillis;

    void add(Counters o) {
      answered += o.answered;
      answeredWithin += o.answeredWithin;
      abandoned += o.abandoned;
      abandonedAfter += o.abandonedAfter;
      callbacks += o.callbacks;
      waitedMillis += o.waitedMillis;
      handled += o.handled;
      handleMillis += o.handleMillis;
    }

    void answered(Duration waited, Duration threshold) {
      answered++;
      waitedMillis += waited.toMillis();
      if (waited.compareTo(threshold) <= 0) {
        answeredWithin++;
      }
    }

    void abandoned(Duration waited, Duration threshold) {
      abandoned++;
      if (waited.compareTo(threshold) > 0) {
        abandonedAfter++;
      }
    }

    /**
     * Asterisk's service level: answered within the threshold ÷ (answered + abandoned after the threshold), in
     * percent; null before any call counts.
     */
    Double serviceLevel() {
      long base = answered + abandonedAfter;
      return base == 0 ? null : percent(answeredWithin, base);
    }

    /** Abandoned ÷ (answered + abandoned), in percent; null before any call. */
    Double abandonRate() {
      long base = answered + abandoned;
      return base == 0 ? null : percent(abandoned, base);
    }

    /** Average speed of answer in seconds (one decimal); null before the first answer. */
    Double asaSeconds() {
      return answered == 0 ? null : round1(waitedMillis / 1000.0 / answered);
    }

    /** Average handle time (talk + wrap-up) in seconds; null before the first call is handled. */
    Double ahtSeconds() {
      return handled == 0 ? null : round1(handleMillis / 1000.0 / handled);
    }

    void reset() {
      answered = answeredWithin = abandoned = abandonedAfter = callbacks = waitedMillis = handled = handleMillis = 0;
    }
  }

  static double percent(long part, long whole) {
    return round1(100.0 * part / whole);
  }

  static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
