package io.switchboard.server.api.archfixture;

import io.switchboard.routing.acd.RoutingEngine;
import io.switchboard.server.calls.CallCenter;

/** Breaks the call-control rules on purpose; only ArchitectureRulesBiteTest imports it. */
public final class ApiThatDrivesTheEngine {
  RoutingEngine engine;
  CallCenter center;
}
