/**
 * Call flows: small step classes ({@code step}) built by one {@link io.switchboard.routing.flow.FlowFactory} from
 * validated maps, run per call by the {@link io.switchboard.routing.flow.FlowRun} state machine (events in,
 * {@link io.switchboard.routing.flow.decision.FlowDecision}s out).
 */
package io.switchboard.routing.flow;
