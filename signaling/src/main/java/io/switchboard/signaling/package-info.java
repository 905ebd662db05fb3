/** The browser protocol: WebSocket + JSON for agents, supervisors and widget callers, with auth and validation; comes with the first-call issue. May depend on media only. */
package io.switchboard.signaling;
