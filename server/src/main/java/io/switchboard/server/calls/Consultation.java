package io.switchboard.server.calls;

import io.switchboard.media.bridge.Bridge;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One transfer in progress for a call (docs/routing.md, "Transfers"): the caller waits on hold with music while
 * the agent talks to the colleague or the external number ({@code consult}), or — for a blind transfer to a number —
 * while that number rings with no agent left on the call. Which target it is: a colleague's desk ({@link #colleague})
 * or an outbound leg ({@link #placed}). Touched on the call center's context only.
 */
final class Consultation {

  /** {@code agent} or {@code number} (a queue is never consulted: a blind transfer enqueues at once). */
  final String kind;
  final Call call;
  /** The agent who asked; null once they left (a blind transfer to a number rings with nobody but the caller). */
  Agent agent;
  final boolean blind;
  final Instant startedAt = Instant.now();
  /** The transfer's entry in the call's {@code transfers} (its outcome is filled in when it ends). */
  final JsonObject entry;
  Agent colleague;
  /** What the colleague was before the consultation reserved them (Ready, to be restored on cancel). */
  boolean colleagueWasReady;
  OutboundDialer.Placed placed;
  boolean answered;
  /** The agent ↔ target bridge while consulting (not recorded: the recording is the caller's conversation). */
  Bridge bridge;
  boolean over;

  Consultation(String kind, Call call, Agent agent, boolean blind, JsonObject entry) {
    this.kind = kind;
    this.call = call;
    this.agent = agent;
    this.blind = blind;
    this.entry = entry;
  }

  /** The target as shown to the agents and in the CDR: the colleague's name, or the number. */
  String targetName() {
    return colleague != null ? colleague.account.name() : placed == null ? null : placed.admitted().e164();
  }

  void unbridge() {
    if (bridge != null) {
      bridge.disconnect();
      bridge = null;
    }
  }
}
