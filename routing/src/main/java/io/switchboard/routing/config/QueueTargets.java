package io.switchboard.routing.config;

import java.time.Duration;

/**
 * What a queue is measured against on the wallboard (they do not change routing): the service-level threshold and
 * target, and how many waiting calls turn the queue red.
 *
 * @param serviceLevel a call answered within this wait is answered "in service level"; a call abandoned after it
 *     counts against (Asterisk's {@code servicelevel} in queues.conf, the SL formula in docs/routing.md)
 * @param serviceLevelTarget percent 1..100: below it the queue's tile turns red
 * @param alertWaitingCalls more calls waiting than this turns the tile red; 0 = no such alert
 */
public record QueueTargets(Duration serviceLevel, int serviceLevelTarget, int alertWaitingCalls) {

  /** 20 s (the industry's 80/20), a target of 80 %, no waiting-calls alert. */
  public static final QueueTargets DEFAULT = new QueueTargets(Duration.ofSeconds(20), 80, 0);

  public QueueTargets {
    if (serviceLevel == null || serviceLevel.isNegative() || serviceLevel.isZero()) {
      throw new IllegalArgumentException("serviceLevelSeconds must be positive");
    }
    if (serviceLevelTarget < 1 || serviceLevelTarget > 100) {
      throw new IllegalArgumentException("serviceLevelTarget must be 1..100 (percent)");
    }
    if (alertWaitingCalls < 0) {
      throw new IllegalArgumentException("alertWaitingCalls must not be negative");
    }
  }
}
