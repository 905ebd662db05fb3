package io.switchboard.gateway.impl;

import io.switchboard.gateway.Registration;
import io.vertx.core.Context;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registrations the trunks ask for, kept in step with the trunks in force: at start and on every reload a trunk
 * whose registration is unchanged keeps its binding, a changed or new one registers anew (RFC 3261 §10.2), a removed
 * one stops refreshing and lets the registrar's binding expire. Touched only on the gateway's context.
 */
final class TrunkRegistrations {
  private final List<TrunkRegistration> running = new ArrayList<>();

  void follow(List<Trunk> trunks, UserAgentCore ua, Context context, GatewayCounters counters) {
    for (TrunkRegistration r : List.copyOf(running)) {
      Optional<Registration> wanted = trunks.stream().filter(t -> t.name().equals(r.trunk())).findFirst()
          .flatMap(t -> t.config().registration());
      if (!wanted.equals(Optional.of(r.config()))) {
        r.stop();
        running.remove(r);
      }
    }
    for (Trunk trunk : trunks) {
      trunk.config().registration().ifPresent(wanted -> {
        if (running.stream().noneMatch(r -> r.trunk().equals(trunk.name()))) {
          TrunkRegistration registration = new TrunkRegistration(trunk.name(), wanted, ua, context, counters);
          running.add(registration);
          registration.start();
        }
      });
    }
  }

  void stopAll() {
    running.forEach(TrunkRegistration::stop);
  }

  JsonArray debugState() {
    JsonArray out = new JsonArray();
    for (TrunkRegistration r : List.copyOf(running)) {
      out.add(r.debugState());
    }
    return out;
  }
}
