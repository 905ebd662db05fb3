package io.switchboard.gateway.archfixture;

import io.switchboard.signaling.archfixture.SignalingThatUsesGateway;

/** Breaks the gateway rule on purpose; only ArchitectureRulesBiteTest imports it. */
public final class GatewayThatUsesSignaling {
  SignalingThatUsesGateway signaling;
}
