/** The verbs of a call flow, one class per file, each built only by {@link io.switchboard.routing.flow.FlowFactory}. */
package io.switchboard.routing.flow.step;
