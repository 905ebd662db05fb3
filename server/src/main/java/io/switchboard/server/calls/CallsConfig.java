package io.switchboard.server.calls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How calls are handled until the full ACD (routing issue) replaces the first routing path.
 *
 * @param ringTimeout      how long an agent's phone rings before the call goes to the next agent
 * @param maxMissedOffers  offers an agent may miss in a row before being set Not ready ("missed_calls")
 * @param defaultRegion    ISO country for numbers received without a country code (E.164 normalisation)
 * @param recordingsDir    where call recordings are written
 * @param recordCalls      whether answered calls are recorded
 * @param maxQueueWait     a caller still unanswered after this long is released (480) and the call is "missed"
 */
public record CallsConfig(Duration ringTimeout, int maxMissedOffers, String defaultRegion, Path recordingsDir,
    boolean recordCalls, Duration maxQueueWait) {

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
    if (maxMissedOffers < 1) {
      throw new IllegalArgumentException("calls.max-missed-offers must be at least 1");
    }
  }
}
