package io.switchboard.routing.acd;

import io.switchboard.routing.acd.explain.OfferExplanation;
import java.time.Duration;

/** Ring this agent for this call; the agent is reserved until it answers or the offer is cancelled. */
public record Offer(String callId, String agentId, Duration timeout, OfferExplanation explanation)
    implements Decision {
}
