/** The explanation attached to every offer: candidates, the rule that filtered each, scores and the winner. */
package io.switchboard.routing.acd.explain;
