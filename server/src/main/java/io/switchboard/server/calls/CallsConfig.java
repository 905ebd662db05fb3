package io.switchboard.server.calls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How calls are handled (the routing itself is configuration in MongoDB: docs/routing.md).
 *
 * @param ringTimeout      ring-no-answer time of the queues the server creates itself (demo, migrated queues)
 * @param maxMissedOffers  ring-no-answers in a row before Not ready, for the queues the server creates itself
 * @param defaultRegion    ISO country for numbers received without a country code (E.164 normalisation)
 * @param recordingsDir    where call recordings are written
 * @param recordCalls      whether answered calls are recorded
 * @param maxQueueWait     a caller still unanswered after this long is released (480) and the call is "missed"
 * @param voicemailMax     longest voicemail message
 * @param callbackAbandoned whether a caller who hung up while queued gets a callback request
 * @param invariantCheck   whether the routing engine's invariants are checked after every event
 * @param cardWait         how long a call's flow waits for the caller's card (CRM) before it starts without it
 */
public record CallsConfig(Duration ringTimeout, int maxMissedOffers, String defaultRegion, Path recordingsDir,
    boolean recordCalls, Duration maxQueueWait, Duration voicemailMax, boolean callbackAbandoned,
    boolean invariantCheck, Duration cardWait) {

  public CallsConfig {
    Objects.requireNonNull(ringTimeout, "ringTimeout");
    Objects.requireNonNull(defaultRegion, "defaultRegion");
    Objects.requireNonNull(recordingsDir, "recordingsDir");
    if (ringTimeout.isNegative() || ringTimeout.isZero()) {
      throw new IllegalArgumentException("calls.ring-timeout-seconds must be positive");
    }
    Objects.requireNonNull(maxQueueWait, "maxQueueWait");
    if (maxQueueWait.compareTo(ringTimeout) < 0) {
      throw new IllegalArgumentException("calls.max-queue-wait-seconds must not be shorter than the ring timeout");
    }
    Objects.requireNonNull(voicemailMax, "voicemailMax");
    if (voicemailMax.isNegative() || voicemailMax.isZero()) {
      throw new IllegalArgumentException("calls.voicemail-max-seconds must be positive");
    }
    Objects.requireNonNull(cardWait, "cardWait");
    if (cardWait.isNegative() || cardWait.isZero()) {
      throw new IllegalArgumentException("calls.card-wait-ms must be positive");
    }
    if (maxMissedOffers < 1) {
      throw new IllegalArgumentException("calls.max-missed-offers must be at least 1");
    }
  }
}
