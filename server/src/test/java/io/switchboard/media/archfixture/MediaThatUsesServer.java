package io.switchboard.media.archfixture;

import io.switchboard.server.SwitchboardServer;

/** Breaks the media and server rules on purpose; only ArchitectureRulesBiteTest imports it. */
public final class MediaThatUsesServer {
  SwitchboardServer server;
}
