package io.switchboard.routing.archfixture;

import io.switchboard.media.WebRtcSession;

/** Breaks the routing rule on purpose; only ArchitectureRulesBiteTest imports it. */
public final class RoutingThatUsesMedia {
  WebRtcSession session;
}
