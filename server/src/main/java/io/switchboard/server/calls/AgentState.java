package io.switchboard.server.calls;

import java.util.Locale;

/** An agent's state as the desktop shows it (docs/protocol.md). */
enum AgentState {
  NOT_READY, READY, RINGING, ON_CALL;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
