package io.switchboard.signaling.archfixture;

import io.switchboard.gateway.archfixture.GatewayThatUsesSignaling;

/** Breaks the signaling rule on purpose; only ArchitectureRulesBiteTest imports it. */
public final class SignalingThatUsesGateway {
  GatewayThatUsesSignaling gateway;
}
