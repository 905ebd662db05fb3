package io.switchboard.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * One call to place on a trunk. The gateway checks only the syntax; whether the number may be dialled at all is
 * decided before a request can be built (the server's outbound wall, docs/security.md).
 *
 * @param trunk       the trunk to place it on (must have an {@link OutboundConfig})
 * @param number      the number to dial, E.164 ({@code +4930...}) or as the carrier wants it (digits only)
 * @param callerId    the number we present (From and P-Asserted-Identity user part)
 * @param ringTimeout how long it may ring (or stay unanswered) before we CANCEL it: {@code NO_ANSWER}
 */
public record DialRequest(String trunk, String number, String callerId, Duration ringTimeout) {

  public DialRequest {
    Objects.requireNonNull(trunk, "trunk");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(callerId, "callerId");
    Objects.requireNonNull(ringTimeout, "ringTimeout");
    // A user part of digits only: nothing that could smuggle URI parameters or headers into the INVITE.
    if (!number.matches("\\+?[0-9]{2,20}")) {
      throw new IllegalArgumentException("number must be digits with an optional leading +, got '" + number + "'");
    }
    if (!callerId.matches("\\+?[0-9]{2,20}")) {
      throw new IllegalArgumentException("callerId must be digits with an optional leading +, got '" + callerId + "'");
    }
    if (ringTimeout.isNegative() || ringTimeout.isZero()) {
      throw new IllegalArgumentException("ringTimeout must be positive");
    }
  }
}
