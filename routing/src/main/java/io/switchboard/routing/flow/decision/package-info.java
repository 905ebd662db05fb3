/** What a call flow tells the server to do. Every decision carries a human-readable reason for the call history. */
package io.switchboard.routing.flow.decision;
