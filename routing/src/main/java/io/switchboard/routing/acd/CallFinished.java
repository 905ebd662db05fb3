package io.switchboard.routing.acd;

import java.time.Duration;

/** The call left routing with its one outcome; {@code waited} is the time from arrival to answer or exit. */
public record CallFinished(String callId, Outcome outcome, Duration waited) implements Decision {
}
