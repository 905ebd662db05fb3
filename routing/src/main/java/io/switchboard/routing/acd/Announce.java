package io.switchboard.routing.acd;

import java.time.Duration;
import java.util.Optional;

/**
 * Tell the caller their position (1-based) and, when it can be estimated, the expected wait (see
 * {@link EstimatedWait}).
 */
public record Announce(String callId, int position, Optional<Duration> estimatedWait) implements Decision {
}
