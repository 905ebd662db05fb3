package io.switchboard.routing.callback;

import java.time.Instant;

/**
 * The one callback owed to a caller. {@code firstMissed} keeps the caller's place: callbacks are served oldest
 * first, and a caller who tries again does not move back. {@code missedCalls} counts the inbound attempts merged
 * into it, {@code dialAttempts} our failed attempts to reach them.
 */
public record PendingCallback(String number, String queueId, Instant firstMissed, Instant lastMissed,
    int missedCalls, int dialAttempts, Instant notBefore, String lastCause) {

  PendingCallback merged(String cause, Instant at) {
    return new PendingCallback(number, queueId, firstMissed, at, missedCalls + 1, dialAttempts, notBefore, cause);
  }

  PendingCallback failed(Instant retryAt) {
    return new PendingCallback(number, queueId, firstMissed, lastMissed, missedCalls, dialAttempts + 1, retryAt,
        lastCause);
  }
}
