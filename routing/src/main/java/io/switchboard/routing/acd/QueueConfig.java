package io.switchboard.routing.acd;

import io.switchboard.routing.acd.strategy.LongestIdle;
import io.switchboard.routing.acd.strategy.Strategy;
import java.time.Duration;
import java.util.Objects;

/**
 * One queue's configuration, validated on construction. Start from {@link #of} (the defaults below) and change
 * with the {@code with...} methods.
 *
 * @param weight across queues: when an agent serves several queues, waiting calls of the heavier queue go first
 * @param wrapUp after-call work time given to the agent (zero: straight back to Ready)
 * @param offerTimeout ring-no-answer: how long an offer rings before the next agent is tried
 * @param missesBeforeNotReady this many ring-no-answers in a row put the agent Not ready ("ring-no-answer")
 * @param maxLength waiting calls at most (0 = unlimited); the next caller overflows to {@code whenFull}
 * @param maxWait longest wait in this queue (zero = unlimited); then the call overflows to {@code whenMaxWait}
 * @param whenNoAgents where calls go while no member is logged in; null = they wait anyway
 * @param announceEvery period of position / estimated-wait announcements (zero = only on entry)
 * @param defaultHandleTime the average handle time assumed before the queue has measured any (for EWT)
 */
public record QueueConfig(String id, Strategy strategy, int weight, Duration wrapUp, Duration offerTimeout,
    int missesBeforeNotReady, int maxLength, Duration maxWait, OverflowTarget whenFull, OverflowTarget whenMaxWait,
    OverflowTarget whenNoAgents, Duration announceEvery, PriorityAging aging, SkillWidening widening,
    Duration defaultHandleTime) {

  public QueueConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(whenFull, "whenFull");
    Objects.requireNonNull(whenMaxWait, "whenMaxWait");
    Objects.requireNonNull(aging, "aging");
    Objects.requireNonNull(widening, "widening");
    if (weight < 0 || missesBeforeNotReady < 1 || maxLength < 0) {
      throw new IllegalArgumentException("queue " + id + ": weight >= 0, missesBeforeNotReady >= 1, maxLength >= 0");
    }
    if (wrapUp.isNegative() || maxWait.isNegative() || announceEvery.isNegative()) {
      throw new IllegalArgumentException("queue " + id + ": durations must not be negative");
    }
    if (offerTimeout.isNegative() || offerTimeout.isZero() || defaultHandleTime.isNegative() || defaultHandleTime.isZero()) {
      throw new IllegalArgumentException("queue " + id + ": offerTimeout and defaultHandleTime must be positive");
    }
    if (whenFull.queueId() != null && whenFull.queueId().equals(id)
        || whenMaxWait.queueId() != null && whenMaxWait.queueId().equals(id)
        || whenNoAgents != null && id.equals(whenNoAgents.queueId())) {
      throw new IllegalArgumentException("queue " + id + " cannot overflow to itself");
    }
  }

  /** Longest-idle, no wrap-up, 20 s ring, 3 misses, unlimited length and wait, refuse when full, announce once. */
  public static QueueConfig of(String id) {
    return new QueueConfig(id, new LongestIdle(), 0, Duration.ZERO, Duration.ofSeconds(20), 3, 0, Duration.ZERO,
        OverflowTarget.refuse(), OverflowTarget.voicemail(), null, Duration.ZERO, PriorityAging.NONE,
        SkillWidening.NONE, Duration.ofMinutes(3));
  }

  public QueueConfig withStrategy(Strategy s) {
    return new QueueConfig(id, s, weight, wrapUp, offerTimeout, missesBeforeNotReady, maxLength, maxWait, whenFull,
        whenMaxWait, whenNoAgents, announceEvery, aging, widening, defaultHandleTime);
  }

  public QueueConfig withWeight(int w) {
    return new QueueConfig(id, strategy, w, wrapUp, offerTimeout, missesBeforeNotReady, maxLength, maxWait, whenFull,
        whenMaxWait, whenNoAgents, announceEvery, aging, widening, defaultHandleTime);
  }

  public QueueConfig withWrapUp(Duration d) {
    return new QueueConfig(id, strategy, weight, d, offerTimeout, missesBeforeNotReady, maxLength, maxWait, whenFull,
        whenMaxWait, whenNoAgents, announceEvery, aging, widening, defaultHandleTime);
  }

  public QueueConfig withRingNoAnswer(Duration timeout, int misses) {
    return new QueueConfig(id, strategy, weight, wrapUp, timeout, misses, maxLength, maxWait, whenFull,
        whenMaxWait, whenNoAgents, announceEvery, aging, widening, defaultHandleTime);
  }

  public QueueConfig withMaxLength(int n, OverflowTarget target) {
    return new QueueConfig(id, strategy, weight, wrapUp, offerTimeout, missesBeforeNotReady, n, maxWait, target,
        whenMaxWait, whenNoAgents, announceEvery, aging, widening, defaultHandleTime);
  }

  public QueueConfig withMaxWait(Duration d, OverflowTarget target) {
    return new QueueConfig(id, strategy, weight, wrapUp, offerTimeout, missesBeforeNotReady, maxLength, d, whenFull,
        target, whenNoAgents, announceEvery, aging, widening, defaultHandleTime);
  }

  public QueueConfig withWhenNoAgents(OverflowTarget target) {
    return new QueueConfig(id, strategy, weight, wrapUp, offerTimeout, missesBeforeNotReady, maxLength, maxWait,
        whenFull, whenMaxWait, target, announceEvery, aging, widening, defaultHandleTime);
  }

  public QueueConfig withAnnounceEvery(Duration d) {
    return new QueueConfig(id, strategy, weight, wrapUp, offerTimeout, missesBeforeNotReady, maxLength, maxWait,
        whenFull, whenMaxWait, whenNoAgents, d, aging, widening, defaultHandleTime);
  }

  public QueueConfig withAging(PriorityAging a) {
    return new QueueConfig(id, strategy, weight, wrapUp, offerTimeout, missesBeforeNotReady, maxLength, maxWait,
        whenFull, whenMaxWait, whenNoAgents, announceEvery, a, widening, defaultHandleTime);
  }

  public QueueConfig withWidening(SkillWidening w) {
    return new QueueConfig(id, strategy, weight, wrapUp, offerTimeout, missesBeforeNotReady, maxLength, maxWait,
        whenFull, whenMaxWait, whenNoAgents, announceEvery, aging, w, defaultHandleTime);
  }

  public QueueConfig withDefaultHandleTime(Duration d) {
    return new QueueConfig(id, strategy, weight, wrapUp, offerTimeout, missesBeforeNotReady, maxLength, maxWait,
        whenFull, whenMaxWait, whenNoAgents, announceEvery, aging, widening, d);
  }

  /** The overflow targets that name another queue (checked against the known queues when the queue is added). */
  java.util.stream.Stream<String> overflowQueues() {
    return java.util.stream.Stream.of(whenFull, whenMaxWait, whenNoAgents)
        .filter(t -> t != null && t.kind() == OverflowTarget.Kind.QUEUE).map(OverflowTarget::queueId);
  }
}
