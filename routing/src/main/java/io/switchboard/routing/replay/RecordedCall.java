package io.switchboard.routing.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of a recorded day, as much of it as does not depend on routing: when it came, what the caller pressed,
 * how long it took the agent to pick up, how long the conversation lasted and, for a caller who gave up, after how
 * long. What routing decided (the queue wait, the agent) is kept to compare and to fit the patience model.
 *
 * @param id the call id
 * @param from the caller's number (E.164) or null
 * @param dialled the dialled number or null (widget)
 * @param arrivedAt when the call arrived
 * @param queuedAt when it entered a queue as recorded (null: it never did)
 * @param queueId the queue it entered as recorded (null: none)
 * @param digits the caller's keys in the flow before the queue, in order
 * @param pickUp how long the answering agent's desk rang before the answer; for a caller who hung up while a desk
 *     rang, how long it had rung (a lower bound: that agent would have picked up later); zero when never offered
 * @param talk the conversation, answer to end (zero when not answered)
 * @param outcome as recorded: answered, abandoned, or another (voicemail, callback, refused, ...)
 * @param waited queue entry to answer (answered) or to hang-up (abandoned); null for the other outcomes
 * @param agentId the agent who answered, or null
 */
public record RecordedCall(String id, String from, String dialled, Instant arrivedAt, Instant queuedAt,
    String queueId, List<String> digits, Duration pickUp, Duration talk, String outcome, Duration waited,
    String agentId) {

  public RecordedCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(arrivedAt, "arrivedAt");
    digits = List.copyOf(digits);
    pickUp = pickUp == null || pickUp.isNegative() ? Duration.ZERO : pickUp;
    talk = talk == null || talk.isNegative() ? Duration.ZERO : talk;
    if (waited != null && waited.isNegative()) {
      waited = Duration.ZERO;
    }
  }

  public boolean answered() {
    return "answered".equals(outcome);
  }

  public boolean abandoned() {
    return "abandoned".equals(outcome);
  }

  /** When it should enter the ACD in a replay: the recorded queue time, else its arrival. */
  public Instant entersQueueAt() {
    return queuedAt == null ? arrivedAt : queuedAt;
  }

  public Optional<Duration> observedWait() {
    return Optional.ofNullable(waited);
  }
}
