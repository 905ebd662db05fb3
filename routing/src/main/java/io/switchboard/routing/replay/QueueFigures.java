package io.switchboard.routing.replay;

import java.time.Duration;

/**
 * One queue's outcomes in a day, the figures the replay compares. Service level as the reports compute it (Asterisk's
 * {@code ServicelevelPerf2}, docs/api.md): answered within the threshold ÷ (answered + abandoned after it).
 *
 * @param queueId the queue
 * @param offered calls that entered it (first queue of the call)
 * @param answered connected to an agent
 * @param abandoned the caller hung up while waiting
 * @param answeredWithin answered within {@code threshold}
 * @param abandonedAfter abandoned after waiting {@code threshold} or more
 * @param answerWait the waits of the answered calls, summed
 * @param threshold the service-level threshold
 */
public record QueueFigures(String queueId, int offered, int answered, int abandoned, int answeredWithin,
    int abandonedAfter, Duration answerWait, Duration threshold) {

  public static QueueFigures empty(String queueId, Duration threshold) {
    return new QueueFigures(queueId, 0, 0, 0, 0, 0, Duration.ZERO, threshold);
  }

  /** This queue with one more call that ended as {@code outcome} after {@code waited}. */
  public QueueFigures plus(String outcome, Duration waited) {
    boolean answeredNow = "answered".equals(outcome);
    boolean abandonedNow = "abandoned".equals(outcome);
    return new QueueFigures(queueId, offered + 1, answered + (answeredNow ? 1 : 0), abandoned + (abandonedNow ? 1 : 0),
        answeredWithin + (answeredNow && waited.compareTo(threshold) <= 0 ? 1 : 0),
        abandonedAfter + (abandonedNow && waited.compareTo(threshold) > 0 ? 1 : 0),
        answeredNow ? answerWait.plus(waited) : answerWait, threshold);
  }

  /** Service level in percent, or NaN with nothing to measure. */
  public double serviceLevel() {
    int base = answered + abandonedAfter;
    return base == 0 ? Double.NaN : 100.0 * answeredWithin / base;
  }

  /** Average speed of answer in seconds, or NaN when nothing was answered. */
  public double averageSpeedOfAnswer() {
    return answered == 0 ? Double.NaN : answerWait.toMillis() / 1000.0 / answered;
  }

  /** Abandoned ÷ offered in percent, or NaN when nothing was offered. */
  public double abandonRate() {
    return offered == 0 ? Double.NaN : 100.0 * abandoned / offered;
  }
}
