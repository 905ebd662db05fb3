package io.switchboard.routing.acd;

/**
 * What the engine tells the caller of an event to do or record. The server executes them in list order; a wallboard
 * or the call history may only observe them. Every decision names the call and/or the agent it is about.
 */
public sealed interface Decision permits Enqueued, Offer, CancelOffer, Connect, Announce, Overflow,
    AgentStateChanged, CallFinished {
}
