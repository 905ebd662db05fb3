package io.switchboard.gateway.archfixture;

import io.micrometer.core.instrument.Counter;

/** Breaks the metrics rule on purpose; only ArchitectureRulesBiteTest imports it. */
public final class GatewayThatCountsWithMicrometer {
  Counter invites;
}
