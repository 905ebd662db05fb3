package io.switchboard.routing.acd;

import java.util.List;

/** Picks decisions of one kind out of an event's answer. */
final class Decisions {

  private Decisions() {
  }

  static <T extends Decision> List<T> of(Class<T> type, List<Decision> decisions) {
    return decisions.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static List<String> offeredAgents(List<Decision> decisions) {
    return of(Offer.class, decisions).stream().map(Offer::agentId).toList();
  }
}
