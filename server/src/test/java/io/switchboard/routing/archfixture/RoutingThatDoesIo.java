package io.switchboard.routing.archfixture;

import io.vertx.core.Vertx;
import java.io.File;

/** Breaks the routing rule on purpose; only ArchitectureRulesBiteTest imports it. */
public final class RoutingThatDoesIo {
  Vertx vertx;
  File file;
}
