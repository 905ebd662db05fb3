package io.switchboard.server.live;

import io.switchboard.routing.acd.AgentState;
import java.time.Instant;

/** One agent on the boards: state and since when, the call now, today's handled calls. Only {@link LiveStats}. */
final class AgentTally {
  final String id;
  String username;
  String name;
  AgentState state = AgentState.LOGGED_OUT;
  String reason;
  Instant since;
  /** The call being talked on, or null. */
  String callId;
  String callQueue;
  String caller;
  Instant callSince;
  /** The handled call being counted (talk and wrap-up): its queue and when it was answered; null between calls. */
  String handlingQueue;
  Instant handlingSince;
  long handled;
  long handleMillis;

  AgentTally(String id) {
    this.id = id;
    this.name = id;
  }
}
