package io.switchboard.routing.flow.decision;

import java.time.Duration;

/** Collect up to {@code maxDigits} keypad digits (RFC 4733 or SIP INFO); report them or the timeout. */
public record CollectDigits(int maxDigits, Duration timeout, String reason) implements FlowDecision {
}
